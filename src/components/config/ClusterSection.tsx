import React from 'react';
import { Field, Input, RadioButtonGroup, Switch } from '@grafana/ui';

import { ClusterSettings, DEFAULT_KEY_PREFIX, RedisMode } from '../../types';
import { ConfigSection } from './ConfigSection';
import { NumberField } from './NumberField';
import { Options, withJsonData, withStoredSecretsReset } from './options';
import { SecretField } from './SecretField';

interface Props {
  options: Options;
  onOptionsChange: (options: Options) => void;
}

const WIDTH = 40;

const MODES: Array<{ label: string; value: RedisMode; description: string }> = [
  { label: 'Standalone', value: 'standalone', description: 'One Redis server, or a proxy in front of several' },
  { label: 'Sentinel', value: 'sentinel', description: 'A primary watched by Redis Sentinel: give the sentinels' },
  { label: 'Cluster', value: 'cluster', description: 'Redis Cluster: give one or more of its nodes' },
];

const ADDRESS: Record<RedisMode, { description: string; placeholder: string }> = {
  standalone: { description: 'host:port of the Redis server.', placeholder: 'redis.internal:6379' },
  sentinel: {
    description: "host:port of the sentinels, comma-separated; they name the primary's current address.",
    placeholder: 'sentinel-1:26379, sentinel-2:26379',
  },
  cluster: {
    description: 'host:port of one or more cluster nodes, comma-separated; they name the others.',
    placeholder: 'redis-1:6379, redis-2:6379',
  },
};

function withCluster(options: Options, patch: Partial<ClusterSettings>): Options {
  return withJsonData(options, { cluster: { ...options.jsonData.cluster, ...patch } });
}

/** jsonData.cluster: the Redis server that several Grafana replicas share (pkg/settings/cluster.go). */
export function ClusterSection({ options, onOptionsChange }: Props) {
  const cluster = options.jsonData.cluster ?? {};
  const set = (patch: Partial<ClusterSettings>) => onOptionsChange(withCluster(options, patch));
  const mode = cluster.redisMode ?? 'standalone';
  return (
    <ConfigSection
      title="Grafana cluster"
      description="Optional. With several Grafana replicas, a shared Redis keeps the app's Graph budget (5 requests per 10 seconds per app and tenant) and the sign-in cache common to all of them. Leave the address empty on a single Grafana server."
    >
      <Field label="Topology" description={MODES.find((m) => m.value === mode)?.description}>
        <RadioButtonGroup<RedisMode>
          options={MODES.map(({ label, value }) => ({ label, value }))}
          value={mode}
          onChange={(v) => set({ redisMode: v === 'standalone' ? undefined : v })}
        />
      </Field>
      <Field
        label="Redis address"
        description={`${ADDRESS[mode].description} The Grafana server administrator must allow each host (allowed_hosts). Changing it clears the stored passwords.`}
        htmlFor="sigdiag-redis-address"
      >
        <Input
          id="sigdiag-redis-address"
          width={WIDTH}
          placeholder={ADDRESS[mode].placeholder}
          value={cluster.redisAddress ?? ''}
          onChange={(e) =>
            // The password goes to the new address only if typed again.
            onOptionsChange(
              withStoredSecretsReset(withCluster(options, { redisAddress: e.currentTarget.value }), [
                'redisPassword',
                'redisSentinelPassword',
              ])
            )
          }
        />
      </Field>
      {mode === 'sentinel' && (
        <>
          <Field
            label="Master name"
            description="The name the sentinels know the primary by (sentinel monitor <name> ...)."
            htmlFor="sigdiag-redis-master-name"
          >
            <Input
              id="sigdiag-redis-master-name"
              width={WIDTH}
              placeholder="mymaster"
              value={cluster.redisMasterName ?? ''}
              onChange={(e) => set({ redisMasterName: e.currentTarget.value })}
            />
          </Field>
          <SecretField
            label="Sentinel password"
            description="Optional: only when the sentinels themselves ask for a password."
            id="sigdiag-redis-sentinel-password"
            secret="redisSentinelPassword"
            placeholder="Sentinel password"
            width={WIDTH}
            options={options}
            onOptionsChange={onOptionsChange}
          />
        </>
      )}
      <Field
        label="TLS"
        description="Connect with TLS; the server's certificate is checked against Grafana's trust store (SSL_CERT_FILE for a private CA)."
        htmlFor="sigdiag-redis-tls"
      >
        <Switch
          id="sigdiag-redis-tls"
          value={cluster.redisTLS ?? false}
          onChange={(e) => set({ redisTLS: e.currentTarget.checked })}
        />
      </Field>
      <Field
        label="Username"
        description="Optional: an ACL user; empty uses the default user."
        htmlFor="sigdiag-redis-username"
      >
        <Input
          id="sigdiag-redis-username"
          width={WIDTH}
          value={cluster.redisUsername ?? ''}
          onChange={(e) => set({ redisUsername: e.currentTarget.value })}
        />
      </Field>
      <SecretField
        label="Password"
        id="sigdiag-redis-password"
        secret="redisPassword"
        placeholder="Redis password"
        width={WIDTH}
        options={options}
        onOptionsChange={onOptionsChange}
      />
      {mode !== 'cluster' && (
        <NumberField
          label="Database"
          description="The Redis database number, 0 by default."
          id="sigdiag-redis-db"
          min={0}
          width={12}
          placeholder="0"
          value={cluster.redisDB}
          onChange={(redisDB) => set({ redisDB })}
        />
      )}
      <Field
        label="Key prefix"
        description="Starts every key. Data sources of the same app and tenant share the Graph budget under the same prefix."
        htmlFor="sigdiag-redis-key-prefix"
      >
        <Input
          id="sigdiag-redis-key-prefix"
          width={WIDTH}
          placeholder={DEFAULT_KEY_PREFIX}
          value={cluster.keyPrefix ?? ''}
          onChange={(e) => set({ keyPrefix: e.currentTarget.value })}
        />
      </Field>
      <NumberField
        label="Replicas"
        description="How many Grafana replicas run this plugin. While Redis is unreachable each replica keeps to its share of the Graph budget, split over the replicas it last saw in Redis or over this many, whichever is more. Leave empty to count them in Redis."
        id="sigdiag-redis-replicas"
        min={0}
        width={12}
        placeholder="counted"
        value={cluster.replicas}
        // 0 or less is taken as none given, so that Redis counts the replicas.
        onChange={(n) => set({ replicas: n !== undefined && n > 0 ? n : undefined })}
      />
    </ConfigSection>
  );
}
