import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// findBy… waits up to 4 s (not 1 s): the first render of a test file can take longer while Maven builds beside it
// on a 2-core machine.
configure({ asyncUtilTimeout: 4000 });

/**
 * uPlot draws on a canvas, which jsdom lacks: tests get a stand-in that records what it was asked to draw, so a
 * test can check the series handed to the chart (`chartInstances`).
 */
vi.mock('uplot', () => {
  class FakePlot {
    static instances: FakePlot[] = [];
    data: unknown[];
    opts: { series: { label?: string }[] };
    width: number;
    scales = { x: { min: null, max: null } };
    constructor(opts: { series: { label?: string }[]; width: number }, data: unknown[], target: HTMLElement) {
      this.opts = opts;
      this.data = data;
      this.width = opts.width;
      const canvas = document.createElement('canvas');
      canvas.setAttribute('data-testid', 'chart-canvas');
      target.appendChild(canvas);
      FakePlot.instances.push(this);
    }
    setData(data: unknown[]) {
      this.data = data;
    }
    setSize() {}
    setScale(key: 'x', range: { min: number; max: number }) {
      this.scales[key] = range as never;
    }
    destroy() {
      FakePlot.instances = FakePlot.instances.filter((plot) => plot !== this);
    }
  }
  return { default: FakePlot };
});

vi.mock('uplot/dist/uPlot.min.css', () => ({}));

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
  window.localStorage.clear();
});
