package graph

import (
	"context"
	"time"
)

// Observer is told what the client does, for the operator's metrics and traces. The client
// passes it numbers and HTTP statuses only, never a URL, filter or sign-in. Its methods must be
// cheap and safe for concurrent use.
type Observer interface {
	// BudgetWait is the time one attempt waited for the pacer (Graph's budget).
	BudgetWait(d time.Duration)
	// Attempt starts one request attempt, once the pacer let it leave; done is called with its
	// HTTP status, 0 when no answer came (a network error, a cancelled context).
	Attempt(ctx context.Context) (_ context.Context, done func(status int))
	// RetryWait is the wait before retrying an answer with the status (429, 503, ...), from its
	// Retry-After or the back-off.
	RetryWait(status int, d time.Duration)
	// Page is one page decoded, with its rows.
	Page(rows int)
}

// noObserver observes nothing.
type noObserver struct{}

func (noObserver) BudgetWait(time.Duration) {}
func (noObserver) Attempt(ctx context.Context) (context.Context, func(int)) {
	return ctx, func(int) {}
}
func (noObserver) RetryWait(int, time.Duration) {}
func (noObserver) Page(int)                     {}
