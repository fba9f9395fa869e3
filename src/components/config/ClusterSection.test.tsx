import React from 'react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { makeOptions } from '../../__fixtures__/settings';
import { ClusterSection } from './ClusterSection';
import { Options } from './options';

function setup(options: Options) {
  const onOptionsChange = jest.fn();
  render(<ClusterSection options={options} onOptionsChange={onOptionsChange} />);
  return onOptionsChange;
}

describe('ClusterSection', () => {
  it('sets jsonData.cluster field by field, keeping the others', () => {
    const options = makeOptions({
      jsonData: { ...makeOptions().jsonData, cluster: { redisAddress: 'redis.internal:6379' } },
    });
    const onOptionsChange = setup(options);
    expect(screen.getByLabelText(/^Redis address/)).toHaveValue('redis.internal:6379');
    expect(screen.getByLabelText(/^Key prefix/)).toHaveAttribute('placeholder', 'sigdiag');
    fireEvent.change(screen.getByLabelText(/^Key prefix/), { target: { value: 'grafana-prod' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...options,
      jsonData: { ...options.jsonData, cluster: { redisAddress: 'redis.internal:6379', keyPrefix: 'grafana-prod' } },
    });
    fireEvent.change(screen.getByLabelText(/^Database/), { target: { value: '2' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...options,
      jsonData: { ...options.jsonData, cluster: { redisAddress: 'redis.internal:6379', redisDB: 2 } },
    });
    fireEvent.change(screen.getByLabelText(/^Username/), { target: { value: 'grafana' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...options,
      jsonData: { ...options.jsonData, cluster: { redisAddress: 'redis.internal:6379', redisUsername: 'grafana' } },
    });
    fireEvent.change(screen.getByLabelText(/^Replicas/), { target: { value: '3' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...options,
      jsonData: { ...options.jsonData, cluster: { redisAddress: 'redis.internal:6379', replicas: 3 } },
    });
  });

  it('clears the replica count so that Redis counts the replicas', () => {
    const options = makeOptions({
      jsonData: { ...makeOptions().jsonData, cluster: { redisAddress: 'redis.internal:6379', replicas: 3 } },
    });
    const onOptionsChange = setup(options);
    expect(screen.getByLabelText(/^Replicas/)).toHaveValue(3);
    fireEvent.change(screen.getByLabelText(/^Replicas/), { target: { value: '' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...options,
      jsonData: { ...options.jsonData, cluster: { redisAddress: 'redis.internal:6379', replicas: undefined } },
    });
  });

  it('turns TLS on', async () => {
    const options = makeOptions();
    const onOptionsChange = setup(options);
    await userEvent.click(screen.getByLabelText(/^TLS/));
    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...options,
      jsonData: { ...options.jsonData, cluster: { redisTLS: true } },
    });
  });

  it('keeps the password in secureJsonData and can reset a stored one', async () => {
    const options = makeOptions();
    const onOptionsChange = setup(options);
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 's3cret' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith({ ...options, secureJsonData: { redisPassword: 's3cret' } });
    expect(onOptionsChange.mock.lastCall[0].jsonData.cluster).toBeUndefined();

    const stored = makeOptions({ secureJsonFields: { redisPassword: true } });
    const onStoredChange = jest.fn();
    render(<ClusterSection options={stored} onOptionsChange={onStoredChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(onStoredChange).toHaveBeenLastCalledWith({
      ...stored,
      secureJsonFields: { redisPassword: false },
      secureJsonData: { redisPassword: '' },
    });
  });
});

describe('ClusterSection topologies', () => {
  it('asks for the master name and the sentinel password only for Sentinel', async () => {
    const options = makeOptions({
      jsonData: { ...makeOptions().jsonData, cluster: { redisAddress: 's1:26379' } },
    });
    const onOptionsChange = setup(options);
    expect(screen.queryByLabelText(/^Master name/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'Sentinel' }));
    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...options,
      jsonData: { ...options.jsonData, cluster: { redisAddress: 's1:26379', redisMode: 'sentinel' } },
    });

    cleanup();
    const sentinel = makeOptions({
      jsonData: { ...makeOptions().jsonData, cluster: { redisMode: 'sentinel', redisAddress: 's1:26379' } },
    });
    const onSentinelChange = jest.fn();
    render(<ClusterSection options={sentinel} onOptionsChange={onSentinelChange} />);
    expect(screen.getByLabelText(/^Redis address/)).toHaveAttribute(
      'placeholder',
      'sentinel-1:26379, sentinel-2:26379'
    );
    fireEvent.change(screen.getByLabelText(/^Master name/), { target: { value: 'grafana' } });
    expect(onSentinelChange).toHaveBeenLastCalledWith({
      ...sentinel,
      jsonData: {
        ...sentinel.jsonData,
        cluster: { redisMode: 'sentinel', redisAddress: 's1:26379', redisMasterName: 'grafana' },
      },
    });
    fireEvent.change(screen.getByLabelText(/^Sentinel password/), { target: { value: 'sent1nel' } });
    expect(onSentinelChange).toHaveBeenLastCalledWith({
      ...sentinel,
      secureJsonData: { redisSentinelPassword: 'sent1nel' },
    });
  });

  it('has no database for Redis Cluster, and standalone is the default written as no mode', async () => {
    const options = makeOptions({
      jsonData: { ...makeOptions().jsonData, cluster: { redisMode: 'cluster', redisAddress: 'n1:6379' } },
    });
    const onOptionsChange = setup(options);
    expect(screen.queryByLabelText(/^Database/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'Standalone' }));
    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...options,
      jsonData: { ...options.jsonData, cluster: { redisMode: undefined, redisAddress: 'n1:6379' } },
    });
  });

  it('clears both stored passwords when the address changes', () => {
    const options = makeOptions({ secureJsonFields: { redisPassword: true, redisSentinelPassword: true } });
    const onOptionsChange = setup(options);
    fireEvent.change(screen.getByLabelText(/^Redis address/), { target: { value: 'other:6379' } });
    const next = onOptionsChange.mock.lastCall[0];
    expect(next.secureJsonFields).toMatchObject({ redisPassword: false, redisSentinelPassword: false });
  });
});
