// Package odata builds and evaluates the subset of OData v4 $filter
// expressions that Microsoft Graph accepts on /auditLogs/signIns.
//
// It serves two callers with opposite needs:
//
//   - The plugin builds filters from user input. Every builder puts user text
//     only inside a quoted string literal (see Quote), so a value such as
//     "x' or userPrincipalName ne 'y" stays one literal and cannot add
//     operators. Property names passed to the builders are trusted constants
//     from code, never user input.
//   - The Graph simulator parses filters (Parse) and evaluates them (Match)
//     against decoded sign-in JSON, so tests and the demo see Graph's
//     semantics instead of pattern matching on filter text.
//
// A user's own "advanced" filter should go through Normalize before it is
// combined with And or Or: Normalize rejects what does not parse, and its
// canonical output has balanced parentheses, so the user text cannot close
// the parentheses And puts around it.
//
// Precedence follows OData: not binds tighter than comparisons, which bind
// tighter than and, which binds tighter than or. Because "not a eq b" means
// "(not a) eq b" in OData but readers expect "not (a eq b)", Parse rejects
// that form and asks for explicit parentheses.
package odata
