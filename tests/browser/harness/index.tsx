// The page the browser tests load: it mounts one editor of the plugin as Grafana would (Grafana's
// theme and global styles, a data source instance, a backend service) and records every callback
// on window.sigdiag for the tests to read. It keeps the editor controlled, as Grafana does: each
// onChange/onOptionsChange is fed back as the next props.
import React, { useState } from 'react';
import { createRoot, Root } from 'react-dom/client';
import { css } from '@emotion/css';
import { createTheme, ThemeContext } from '@grafana/data';
import { BackendSrv, setBackendSrv, TemplateSrv } from '@grafana/runtime';
import { GlobalStyles } from '@grafana/ui';

import { makeInstanceSettings, makeOptions } from '../../../src/__fixtures__/settings';
import { ConfigEditor } from '../../../src/components/ConfigEditor';
import { Options } from '../../../src/components/config/options';
import { QueryEditor } from '../../../src/components/QueryEditor';
import { VariableQueryEditor } from '../../../src/components/VariableQueryEditor';
import { DataSource } from '../../../src/datasource';
import { SignInDataSourceOptions, SignInQuery, SignInVariableQuery } from '../../../src/types';
import type { BackendCall, Harness, MountRequest, Recorded } from './protocol';

const theme = createTheme({ colors: { mode: 'dark' } });

const recorded: Recorded = { onChange: [], onOptionsChange: [], onRunQuery: 0, backend: [] };
let root: Root | undefined;

// Only the Validate button of the rules calls the backend: answer with the reply the test set.
function installBackend(validateReply: unknown) {
  const post = async (url: string, data?: unknown) => {
    const call: BackendCall = { method: 'POST', url, data };
    recorded.backend.push(call);
    return validateReply;
  };
  setBackendSrv({ post } as unknown as BackendSrv);
}

// No dashboard variables here: text is returned as it is.
const templateSrv = { replace: (text?: string) => text ?? '' } as unknown as TemplateSrv;

function makeDataSource(jsonData: Partial<SignInDataSourceOptions> = {}): DataSource {
  const settings = makeInstanceSettings();
  return new DataSource({ ...settings, jsonData: { ...settings.jsonData, ...jsonData } }, templateSrv);
}

function ConfigPage({ initial }: { initial: Options }) {
  const [options, setOptions] = useState(initial);
  return (
    <ConfigEditor
      options={options}
      onOptionsChange={(next) => {
        recorded.onOptionsChange.push(next);
        setOptions(next);
      }}
    />
  );
}

function QueryPage<Q extends SignInQuery>({
  Editor,
  initial,
  datasource,
}: {
  Editor: React.ComponentType<{ datasource: DataSource; query: Q; onChange: (q: Q) => void; onRunQuery: () => void }>;
  initial: Q;
  datasource: DataSource;
}) {
  const [query, setQuery] = useState(initial);
  return (
    <Editor
      datasource={datasource}
      query={query}
      onChange={(next) => {
        recorded.onChange.push(next);
        setQuery(next);
      }}
      onRunQuery={() => {
        recorded.onRunQuery++;
      }}
    />
  );
}

function editorFor(request: MountRequest): React.ReactElement {
  switch (request.editor) {
    case 'config':
      return <ConfigPage initial={makeOptions(request.options as Partial<Options>)} />;
    case 'query':
      return (
        <QueryPage
          Editor={QueryEditor}
          initial={request.query as SignInQuery}
          datasource={makeDataSource(request.jsonData)}
        />
      );
    case 'variable':
      return (
        <QueryPage
          Editor={VariableQueryEditor}
          initial={request.query as SignInVariableQuery}
          datasource={makeDataSource(request.jsonData)}
        />
      );
  }
}

// Roughly the frame Grafana gives each editor: the data source settings page, or a query row.
const frame = css({
  padding: theme.spacing(2),
  background: theme.colors.background.primary,
  border: `1px solid ${theme.colors.border.weak}`,
  borderRadius: theme.shape.radius.default,
  maxWidth: 1100,
});

function mount(request: MountRequest) {
  recorded.onChange = [];
  recorded.onOptionsChange = [];
  recorded.onRunQuery = 0;
  recorded.backend = [];
  installBackend(request.validateReply ?? { valid: true, errors: [] });
  root?.unmount();
  root = createRoot(document.getElementById('root')!);
  root.render(
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <main className={frame} data-testid={`${request.editor}-editor`}>
        {editorFor(request)}
      </main>
    </ThemeContext.Provider>
  );
}

const harness: Harness = { mount, recorded };
window.sigdiag = harness;
