import { screen, within } from '@testing-library/react';
import { createDataset, createDatasetVersion, createProblem } from '@/testing/data-generators';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/render';

describe('datasets', () => {
  it('lists datasets with their latest version and a deprecation badge', async () => {
    mockApi({
      'GET /datasets': json({
        datasets: [createDataset({ name: 'customers', latestVersion: 3 }), createDataset({ name: 'legacy', deprecated: true })],
      }),
    });
    renderApp('/datasets');
    const row = (await screen.findByRole('link', { name: 'customers' })).closest('tr')!;
    expect(within(row).getByText('v3')).toBeInTheDocument();
    expect(screen.getByText('deprecated')).toBeInTheDocument();
  });

  it('tells what to do when there are no datasets', async () => {
    mockApi({ 'GET /datasets': json({ datasets: [] }) });
    renderApp('/datasets');
    expect(await screen.findByText('No datasets registered yet')).toBeInTheDocument();
  });

  it('shows a dataset with its versions, newest first, and their schema', async () => {
    const dataset = createDataset({
      id: 'd1',
      name: 'customers',
      latestVersion: 2,
      versions: [
        createDatasetVersion({ version: 2, uri: 's3://data/customers/v2.parquet' }),
        createDatasetVersion({ version: 1, uri: 's3://data/customers/v1.parquet' }),
      ],
    });
    mockApi({ 'GET /datasets/d1': json(dataset) });
    const { user } = renderApp('/datasets/d1');

    expect(await screen.findByRole('heading', { name: 'customers' })).toBeInTheDocument();
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0].textContent)).toEqual(['v2', 'v1']);
    expect(screen.getByRole('cell', { name: 's3://data/customers/v2.parquet' })).toBeInTheDocument();
    await user.click(screen.getAllByText('2 columns')[0]);
    expect(screen.getAllByText(/customer_id: string/)[0]).toBeVisible();
  });

  it("shows the API's detail for an unknown dataset", async () => {
    mockApi({ 'GET /datasets/nope': problem(createProblem(404, "Dataset 'nope' not found")) });
    renderApp('/datasets/nope');
    expect(await screen.findByRole('alert')).toHaveTextContent("Dataset 'nope' not found");
  });
});
