// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

// @grafana/ui's Combobox sizes its menu with canvas text metrics; the scaffold's stub context has none.
HTMLCanvasElement.prototype.getContext = function getContext() {
  return { font: '', measureText: (text) => ({ width: text.length * 8 }) };
};

// jsdom has no IntersectionObserver or ResizeObserver; Combobox menus and scroll containers use them.
class NoopObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}
global.IntersectionObserver = global.IntersectionObserver ?? NoopObserver;
global.ResizeObserver = global.ResizeObserver ?? NoopObserver;

// jsdom lays nothing out, so every element is 0×0 and Combobox's virtualised menu (sized from its
// scroll container's clientHeight) would render no options. Give elements a size.
Object.defineProperties(HTMLElement.prototype, {
  clientHeight: { configurable: true, get: () => 400 },
  clientWidth: { configurable: true, get: () => 400 },
});
