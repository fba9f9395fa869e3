package dataset

import "time"

// EventType is a record's beta signInEventTypes value. v1.0 returns interactive
// sign-ins only; beta returns the others only when the filter names signInEventTypes.
type EventType uint8

// The sign-in event types the dataset produces.
const (
	InteractiveUser EventType = iota
	NonInteractiveUser
	ServicePrincipal
)

// String returns the Graph enum member, e.g. "interactiveUser".
func (e EventType) String() string {
	switch e {
	case NonInteractiveUser:
		return "nonInteractiveUser"
	case ServicePrincipal:
		return "servicePrincipal"
	}
	return "interactiveUser"
}

// StatusForm is how a record's status object is written. Graph writes successes three ways
// and clients must cope with all of them; filters always see the underlying errorCode.
type StatusForm uint8

// The status forms.
const (
	StatusFull  StatusForm = iota // {"errorCode":n,"failureReason":"...","additionalDetails":...}
	StatusNulls                   // {"errorCode":0,"failureReason":null,"additionalDetails":null}
	StatusEmpty                   // {}
)

// Risk is Identity Protection's verdict on a sign-in. A nil *Risk means "none" everywhere.
type Risk struct {
	During, Aggregated, State, Detail string
	// Events are riskEventTypes_v2 values; EventsV1 the older riskEventTypes enum.
	Events, EventsV1 []string
}

// authKind selects the authenticationDetails steps (beta) a record shows.
type authKind uint8

const (
	authNone        authKind = iota // no steps (errors before credentials were checked)
	authSSO                         // both factors satisfied by claims in the token
	authPasswordMFA                 // password, then a second factor that succeeded
	authPassword                    // password only (single factor)
	authBadPassword                 // password rejected
	authMFAFailed                   // password accepted, second factor failed
	authLocked                      // account locked before the password was checked
)

// Record is one sign-in log entry in compact form. Pointers refer to the dataset's shared,
// immutable directory tables; Version-aware JSON is built on demand (see marshal.go), so a
// month of records stays small.
type Record struct {
	Time          time.Time // createdDateTime, 100 ns resolution as Graph writes 7 digits
	ID            GUID      // id, the request ID
	CorrelationID GUID      // shared by all rows of one interactive flow
	SessionID     GUID
	Type          EventType
	User          *User // nil for service principal sign-ins and unknown accounts
	// Identifier is what was typed when User is nil (e.g. a misspelt UPN, code 50034).
	Identifier string
	App        *App
	Resource   *Resource
	IP         string
	Place      *Place
	ASN        int
	Device     *Device
	ClientApp  string // clientAppUsed
	UserAgent  string
	Code       int    // status.errorCode
	Reason     string // status.failureReason ("" means null)
	Details    string // status.additionalDetails ("" means null)
	Form       StatusForm
	CA         *CAOutcome
	MFA        bool // authenticationRequirement is multiFactorAuthentication
	Risk       *Risk
	auth       authKind
	authMethod string // second factor used or attempted
	Processing int32  // processingTimeInMilliseconds
	// Incident names the embedded incident that produced the row, "" for background.
	Incident string
	tenant   *tenantInfo
}

// tenantInfo is what every record of a tenant shares.
type tenantInfo struct {
	id string
}

// Interactive reports whether the record is an interactive user sign-in.
func (r *Record) Interactive() bool { return r.Type == InteractiveUser }

// Failure reports whether the record counts as a failure (non-zero, not an interrupt).
func (r *Record) Failure() bool { return IsFailure(r.Code) }

// Interrupt reports whether the record's code is in the workbook's interrupt list.
func (r *Record) Interrupt() bool { return IsInterrupt(r.Code) }

// UPN returns the userPrincipalName the record shows.
func (r *Record) UPN() string {
	if r.User != nil {
		return r.User.UPN
	}
	return r.Identifier
}

// after reports whether r sorts after o in newest-first order: later times first, and
// for equal times the larger ID first, so the order is total and paging never skips.
func (r *Record) after(o *Record) bool {
	if !r.Time.Equal(o.Time) {
		return r.Time.Before(o.Time)
	}
	return r.ID.less(o.ID)
}

// Cursor is a position in newest-first order: the record with this time and ID.
type Cursor struct {
	Time time.Time
	ID   GUID
}

// CursorOf returns the position of r.
func CursorOf(r *Record) Cursor { return Cursor{Time: r.Time, ID: r.ID} }

// beyond reports whether r lies strictly past c in newest-first order.
func (c Cursor) beyond(r *Record) bool {
	if !r.Time.Equal(c.Time) {
		return r.Time.Before(c.Time)
	}
	return r.ID.less(c.ID)
}

// precedes reports whether r lies strictly before c in newest-first order, that is,
// strictly after it in oldest-first order.
func (c Cursor) precedes(r *Record) bool {
	if !r.Time.Equal(c.Time) {
		return r.Time.After(c.Time)
	}
	return c.ID.less(r.ID)
}
