import { DataQueryRequest, DataQueryResponse, dateTime } from '@grafana/data';
import { lastValueFrom, of } from 'rxjs';

import { makeInstanceSettings } from './__fixtures__/settings';
import { VariableQueryEditor } from './components/VariableQueryEditor';
import { DataSource } from './datasource';
import { SignInQuery, SignInVariableQuery } from './types';
import { toVariableQuery } from './variableQuery';
import { SignInVariableSupport } from './variables';

describe('toVariableQuery', () => {
  it('gives a new variable the default kind', () => {
    expect(toVariableQuery(undefined)).toEqual({ refId: 'variable', queryType: 'variable', variable: 'apps' });
    expect(toVariableQuery({ refId: 'A' })).toEqual({ refId: 'A', queryType: 'variable', variable: 'apps' });
  });

  it('reads a kind written as a plain string', () => {
    expect(toVariableQuery(' countries ')).toEqual({ refId: 'variable', queryType: 'variable', variable: 'countries' });
    expect(toVariableQuery('nonsense').variable).toBe('apps');
  });

  it('keeps the filters and replaces an unknown kind', () => {
    const stored = { refId: 'B', queryType: 'signins', variable: 'planets', user: 'a*', status: 'all' };
    expect(toVariableQuery(stored)).toEqual({
      refId: 'B',
      queryType: 'variable',
      variable: 'apps',
      user: 'a*',
      status: 'all',
    });
  });
});

describe('SignInVariableSupport', () => {
  it('runs the variable query through the data source, as a typed variable query', async () => {
    const ds = new DataSource(makeInstanceSettings(), { replace: (text?: string) => text ?? '' } as never);
    const response: DataQueryResponse = { data: [] };
    const query = jest.spyOn(ds, 'query').mockReturnValue(of(response));
    const support = new SignInVariableSupport(ds);
    const now = dateTime();
    const request = {
      targets: [{ refId: 'V', variable: 'users', status: 'success' } as SignInVariableQuery],
      range: { from: now, to: now, raw: { from: 'now-1h', to: 'now' } },
    } as DataQueryRequest<SignInVariableQuery>;

    await expect(lastValueFrom(support.query(request))).resolves.toBe(response);
    const sent = query.mock.calls[0][0] as DataQueryRequest<SignInQuery>;
    expect(sent.targets).toEqual([{ refId: 'V', queryType: 'variable', variable: 'users', status: 'success' }]);
    expect(sent.range).toBe(request.range);
  });

  it('edits with VariableQueryEditor', () => {
    const ds = new DataSource(makeInstanceSettings(), {} as never);
    expect((ds.variables as SignInVariableSupport).editor).toBe(VariableQueryEditor);
  });
});
