package plugin

import (
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/ruleset"
)

// ruleEvent is one change of a data source's rule set, shown as an annotation so a change in
// a panel's causes can be read against the rule change that made it.
type ruleEvent struct {
	Time    time.Time
	Title   string
	Text    string
	Refused bool
}

// maxRuleEvents bounds the history kept per data source.
const maxRuleEvents = 200

func recordRuleEvent(uid string, e ruleEvent) {
	ruleHistory.Lock()
	defer ruleHistory.Unlock()
	events := append(ruleHistory.byUID[uid], e)
	if len(events) > maxRuleEvents {
		events = events[len(events)-maxRuleEvents:]
	}
	ruleHistory.byUID[uid] = events
}

func ruleEventsBetween(uid string, from, to time.Time) []ruleEvent {
	ruleHistory.Lock()
	defer ruleHistory.Unlock()
	var out []ruleEvent
	for _, e := range ruleHistory.byUID[uid] {
		if !e.Time.Before(from) && !e.Time.After(to) {
			out = append(out, e)
		}
	}
	return out
}

// eventFor describes a rule set that was just built.
func eventFor(rs *ruleset.Set, reload bool) ruleEvent {
	verb := "Rules loaded"
	if reload {
		verb = "Rules reloaded"
	}
	if rs.Refused != nil {
		return ruleEvent{Time: time.Now(), Title: "Rules refused", Text: "The previous rules keep serving: " + rs.Refused.Error(), Refused: true}
	}
	return ruleEvent{Time: time.Now(), Title: verb, Text: pluralFiles(rs.UserFiles) + " of your own rules with the built-in rules; " + itoa(len(rs.Engine.Rules())) + " rules and catalogue entries in force."}
}

func pluralFiles(n int) string {
	if n == 1 {
		return "1 source"
	}
	return itoa(n) + " sources"
}
