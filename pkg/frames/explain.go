package frames

import (
	"strconv"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// Explain builds the table that shows, for each sign-in of one request or correlation ID,
// every rule that matched in precedence order (rank 1 fills the sign-ins table) and the
// sign-in's values for the fields each rule read. The first row of each sign-in is its
// classification.
func Explain(refID string, rows []signin.SignIn, xs []engine.Explanation) *data.Frame {
	var c explainColumns
	for i := range rows {
		s, x := &rows[i], &xs[i]
		c.add(s, 0, "signin.classify", "classification", "status: "+x.Decision.Status, "", "", "", x.Decision.Error, x.Classification, nil)
		for rank, f := range x.Decision.Findings {
			source := "built-in"
			if f.User {
				source = "user"
			}
			c.add(s, rank+1, f.RuleID, f.Kind+" ("+source+", package "+f.Package+")", f.Title, f.Cause, strings.Join(f.NextSteps, "\n"), f.Severity, "", x.Inputs[f.Package], f.Links)
		}
	}
	fields := []*data.Field{
		data.NewField("time", nil, c.time), data.NewField("requestId", nil, c.requestID),
		data.NewField("correlationId", nil, c.correlationID), data.NewField("errorCode", nil, c.code),
		data.NewField("rank", nil, c.rank), data.NewField("ruleId", nil, c.ruleID), data.NewField("kind", nil, c.kind),
		data.NewField("title", nil, c.title), data.NewField("cause", nil, c.cause), data.NewField("nextSteps", nil, c.steps),
		data.NewField("severity", nil, c.severity), data.NewField("inputs", nil, c.inputs), data.NewField("ruleError", nil, c.err),
	}
	// Each finding's first links, as in the sign-ins frame: a title that opens its URL.
	for k := range winnerLinks {
		n := strconv.Itoa(k + 1)
		title := data.NewField("link"+n, nil, c.linkTitle[k])
		title.Config = &data.FieldConfig{DisplayName: "Link " + n, Links: opensLinkURL(n)}
		fields = append(fields, title, data.NewField("link"+n+"Url", nil, c.linkURL[k]))
	}
	frame := data.NewFrame("explain", fields...)
	frame.RefID = refID
	frame.Meta = &data.FrameMeta{PreferredVisualization: data.VisTypeTable}
	return frame
}

type explainColumns struct {
	time                                                 []time.Time
	code, rank                                           []int64
	requestID, correlationID, ruleID, kind, title, cause []string
	steps, severity, inputs, err                         []string
	linkTitle, linkURL                                   [winnerLinks][]string
}

func (c *explainColumns) add(s *signin.SignIn, rank int, ruleID, kind, title, cause, steps, severity, err string, in []engine.InputValue, links []engine.Link) {
	c.time = append(c.time, s.CreatedDateTime)
	c.requestID = append(c.requestID, s.ID)
	c.correlationID = append(c.correlationID, s.CorrelationID)
	c.code = append(c.code, s.Status.ErrorCode)
	c.rank = append(c.rank, int64(rank))
	c.ruleID = append(c.ruleID, ruleID)
	c.kind = append(c.kind, kind)
	c.title = append(c.title, title)
	c.cause = append(c.cause, cause)
	c.steps = append(c.steps, steps)
	c.severity = append(c.severity, severity)
	c.err = append(c.err, err)
	parts := make([]string, len(in))
	for i, v := range in {
		parts[i] = v.Path + " = " + v.Value
	}
	c.inputs = append(c.inputs, strings.Join(parts, "\n"))
	for k := range winnerLinks {
		var l engine.Link
		if k < len(links) {
			l = links[k]
		}
		c.linkTitle[k] = append(c.linkTitle[k], l.Title)
		c.linkURL[k] = append(c.linkURL[k], l.URL)
	}
}
