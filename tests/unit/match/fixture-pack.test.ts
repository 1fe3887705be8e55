import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { StoryPackSchema } from '../../../src/story/schema';
import { FIXTURE_PACK } from './fixture-pack';

describe('the fixture pack', () => {
  it('is a valid story pack', () => {
    expect(() => v.parse(StoryPackSchema, FIXTURE_PACK)).not.toThrow();
  });
});
