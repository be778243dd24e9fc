import { deployFieldOf, deployInput } from './deploy-input';

const draft = { name: '', served: 'version', target: 'local' as const, replicas: '1' };

describe('deployInput', () => {
  it('leaves a blank name to the server and trims a given one', () => {
    expect(deployInput('m1', 3, draft)).toEqual({ input: { modelId: 'm1', version: 3, name: undefined, target: 'local', replicas: 1 } });
    expect(deployInput('m1', 3, { ...draft, name: ' scorer ' })).toMatchObject({ input: { name: 'scorer' } });
  });

  it('deploys by alias instead of the version when one is chosen', () => {
    const checked = deployInput('m1', 3, { ...draft, served: 'alias:champion' });
    expect(checked).toMatchObject({ input: { alias: 'champion' } });
    expect('input' in checked && 'version' in checked.input).toBe(false);
  });

  it.each(['', '-1', '17', '1.5', 'two'])('refuses %j replicas', (replicas) => {
    expect(deployInput('m1', 3, { ...draft, replicas })).toMatchObject({ field: 'replicas' });
  });

  it('accepts 0 and 16 replicas', () => {
    expect(deployInput('m1', 3, { ...draft, replicas: '0' })).toMatchObject({ input: { replicas: 0 } });
    expect(deployInput('m1', 3, { ...draft, replicas: '16' })).toMatchObject({ input: { replicas: 16 } });
  });

  it('refuses names the server would refuse', () => {
    expect(deployInput('m1', 3, { ...draft, name: 'a'.repeat(257) })).toMatchObject({ field: 'name', message: expect.stringContaining('257') });
    expect(deployInput('m1', 3, { ...draft, name: 'tab\there' })).toMatchObject({ field: 'name' });
  });

  it("maps the API's field names onto the form's", () => {
    expect(deployFieldOf('alias')).toBe('served');
    expect(deployFieldOf('version')).toBe('served');
    expect(deployFieldOf('replicas')).toBe('replicas');
    expect(deployFieldOf('modelId')).toBeUndefined();
    expect(deployFieldOf(undefined)).toBeUndefined();
  });
});
