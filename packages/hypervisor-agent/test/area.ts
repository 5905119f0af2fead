import { inject } from 'vitest';
import { TestArea } from '../src/testing/harness.ts';

/** A scratch area inside this run's root (see global-setup.ts). */
export function newArea(): TestArea {
  return new TestArea(inject('agentTestRoot'));
}
