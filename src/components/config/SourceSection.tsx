import React from 'react';
import { SelectableValue } from '@grafana/data';
import { Field, RadioButtonGroup } from '@grafana/ui';

import { DEFAULT_SOURCE, Source } from '../../types';
import { ConfigSection } from './ConfigSection';
import { Options, withJsonData } from './options';

const SOURCES: Array<SelectableValue<Source>> = [
  { label: 'Demo tenant', value: 'demo', description: 'Built-in sample sign-ins; needs no credentials' },
  { label: 'Microsoft Graph', value: 'graph', description: "Your tenant's sign-in logs" },
];

interface Props {
  options: Options;
  onOptionsChange: (options: Options) => void;
}

export function SourceSection({ options, onOptionsChange }: Props) {
  return (
    <ConfigSection title="Source" description="Where the sign-ins come from.">
      <Field label="Source" noMargin>
        <RadioButtonGroup<Source>
          aria-label="Source"
          options={SOURCES}
          value={options.jsonData.source ?? DEFAULT_SOURCE}
          onChange={(source) => onOptionsChange(withJsonData(options, { source }))}
        />
      </Field>
    </ConfigSection>
  );
}
