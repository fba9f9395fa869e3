package dataset

import (
	"container/list"
	"sync"
)

// hourCache keeps the most recently used generated hours, up to a number of records (a
// record is about 300 bytes). Generation is deterministic, so an evicted hour is simply
// generated again: the cap bounds memory for long-running demo servers and large Scale
// values, while a dashboard's repeated queries over recent hours stay cheap.
type hourCache struct {
	mu      sync.Mutex
	max     int // records
	records int
	ll      *list.List // front = most recently used
	m       map[int64]*list.Element
}

type cachedHour struct {
	key  int64
	recs []Record
}

func newHourCache(max int) *hourCache {
	return &hourCache{max: max, ll: list.New(), m: map[int64]*list.Element{}}
}

// get returns the records of an hour if cached. The slice is shared and read-only.
func (c *hourCache) get(key int64) ([]Record, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[key]; ok {
		c.ll.MoveToFront(e)
		return e.Value.(*cachedHour).recs, true
	}
	return nil, false
}

// put stores an hour, evicting the least recently used beyond the cap.
func (c *hourCache) put(key int64, recs []Record) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[key]; ok {
		c.ll.MoveToFront(e)
		return
	}
	c.m[key] = c.ll.PushFront(&cachedHour{key: key, recs: recs})
	c.records += len(recs)
	for c.records > c.max && c.ll.Len() > 1 {
		old := c.ll.Back()
		c.ll.Remove(old)
		h := old.Value.(*cachedHour)
		c.records -= len(h.recs)
		delete(c.m, h.key)
	}
}
