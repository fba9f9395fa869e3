import { describeGraphQuery, graphFilterClauses } from './graphFilter';
import { SignInQuery } from './types';

const query = (fields: Partial<SignInQuery>): SignInQuery => ({ refId: 'A', queryType: 'signins', ...fields });

describe('graphFilterClauses', () => {
  it.each<[Partial<SignInQuery>, string[]]>([
    [{}, []],
    [{ user: ' Alice@Contoso.com ' }, ["userPrincipalName eq 'alice@contoso.com'"]],
    [{ user: 'alice*' }, ["startswith(userPrincipalName,'alice')"]],
    [{ user: '*' }, ["userPrincipalName eq '*'"]],
    [{ app: "O'Brien's app" }, ["appDisplayName eq 'O''Brien''s app'"]],
    [{ app: 'Teams*' }, ["startswith(appDisplayName,'Teams')"]],
    [{ app: '1FEC8E78-BCE4-4AAF-AB1B-5451CC387264' }, ["appId eq '1fec8e78-bce4-4aaf-ab1b-5451cc387264'"]],
    [{ errorCodes: [50126] }, ['status/errorCode eq 50126']],
    [{ errorCodes: [50126, '$code'] }, ['(status/errorCode eq 50126 or status/errorCode eq $code)']],
    [{ ipAddress: '203.0.113.*' }, ["startswith(ipAddress,'203.0.113.')"]],
    [
      { correlationId: 'ABCDEF00-0000-0000-0000-000000000000' },
      ["correlationId eq 'abcdef00-0000-0000-0000-000000000000'"],
    ],
    [{ clientApp: 'IMAP4' }, ["clientAppUsed eq 'IMAP4'"]],
  ])('%j gives %j', (fields, expected) => {
    expect(graphFilterClauses(query(fields))).toEqual(expected);
  });
});

describe('describeGraphQuery', () => {
  it('describes the defaults', () => {
    expect(describeGraphQuery(query({}))).toBe(
      'Graph filter: createdDateTime in the time range. Then the rules keep failure sign-ins, at most 5000 rows.'
    );
  });

  it('describes a query for every status', () => {
    expect(describeGraphQuery(query({ status: 'all', clientApp: 'POP3' }))).toBe(
      "Graph filter: createdDateTime in the time range and clientAppUsed eq 'POP3'. Then every sign-in is kept, at most 5000 rows."
    );
  });
});
