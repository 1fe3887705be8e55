// The property tests draw new cases on each run, which is how they find what nobody thought to
// write down. Under CI they draw from one seed, so that a run is the same on every machine and a
// red run can be repeated exactly; FC_SEED=n picks a seed by hand (say, one a failure printed).
import fc from 'fast-check';

const chosen = process.env.FC_SEED ?? (process.env.CI === 'true' ? '20240821' : undefined);
if (chosen !== undefined) {
  const seed = Number(chosen);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be a whole number, not "${chosen}"`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}
