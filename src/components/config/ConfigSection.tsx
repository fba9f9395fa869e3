import React, { ReactNode } from 'react';
import { Box, Stack, Text } from '@grafana/ui';

interface Props {
  title: string;
  /** A string is shown as secondary text; any other node as it is. */
  description?: ReactNode;
  children: ReactNode;
}

/** A titled block of settings, laid out like the sections of Grafana's own data source pages. */
export function ConfigSection({ title, description, children }: Props) {
  return (
    <Box marginBottom={4}>
      <Stack direction="column" gap={1}>
        <Text element="h3">{title}</Text>
        {typeof description === 'string' ? (
          <Text color="secondary" element="p">
            {description}
          </Text>
        ) : (
          description
        )}
        <div>{children}</div>
      </Stack>
    </Box>
  );
}
