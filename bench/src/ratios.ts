import type { Sizes } from './cases.js';
import type { VariantResult } from './harness/group.js';
import type { Ratio, RunResults } from './report.js';

type Figure = 'cpuMsPerReq' | 'reqPerSec';

/**
 * The targets (and the figures that explain them), from one run. CPU ratios are a's CPU per request
 * over b's; the pass range is the same ratio pass by pass (the slices of a and b ran next to each other).
 */
export function computeRatios(results: RunResults, sizes: Sizes): Ratio[] {
  const variant = (key: string): VariantResult | undefined => results.variants.find((v) => v.key === key);
  const startup = (key: string) => results.startups.find((s) => s.key === key);
  const session = (key: string) => results.sessions.find((s) => s.key === key);
  const ratios: Ratio[] = [];

  const between = (
    name: string,
    a: string,
    b: string,
    figure: Figure,
    target?: [string, (v: number) => boolean],
  ) => {
    const va = variant(a);
    const vb = variant(b);
    if (!va || !vb) return;
    const perPass = va.passes.map((pass, index) => pass[figure] / vb.passes[index][figure]);
    const value = va[figure] / vb[figure];
    ratios.push({
      name,
      value,
      unit: '×',
      passRange: [Math.min(...perPass), Math.max(...perPass)],
      ...(target ? { target: target[0], met: target[1](value) } : {}),
    });
  };

  for (const adapter of ['express', 'fastify'] as const) {
    const limit = adapter === 'express' ? 1.0 : 0.67;
    between(
      `tools/call CPU, nestjs-mcp ÷ @rekog/mcp-nest (${adapter}, stateless)`,
      `mcp.call.${adapter}.stateless`,
      `rekog.call.${adapter}.stateless`,
      'cpuMsPerReq',
      [`≤ ${limit.toFixed(2)}×`, (v) => v <= limit],
    );
    between(
      `tools/call req/s, nestjs-mcp ÷ @rekog/mcp-nest (${adapter}, stateless)`,
      `mcp.call.${adapter}.stateless`,
      `rekog.call.${adapter}.stateless`,
      'reqPerSec',
      adapter === 'fastify' ? ['≥ 1.5×', (v) => v >= 1.5] : undefined,
    );
    between(
      `tools/call CPU, nestjs-mcp ÷ @rekog/mcp-nest (${adapter}, stateful)`,
      `mcp.call.${adapter}.stateful`,
      `rekog.call.${adapter}.stateful`,
      'cpuMsPerReq',
    );
    between(
      `tools/call CPU, 2026-07-28 ÷ 2025-11-25 wire, nestjs-mcp (${adapter}, stateless)`,
      `mcp.call.${adapter}.modern`,
      `mcp.call.${adapter}.stateless`,
      'cpuMsPerReq',
    );
    between(
      `tools/call CPU ÷ REST CPU, nestjs-mcp (${adapter})`,
      `mcp.call.${adapter}.stateless`,
      `rest.${adapter}`,
      'cpuMsPerReq',
    );
  }
  between(
    `tools/list CPU at ${sizes.medium} tools, @rekog/mcp-nest ÷ nestjs-mcp`,
    'rekog.list.medium',
    'mcp.list.medium',
    'cpuMsPerReq',
    ['≥ 50×', (v) => v >= 50],
  );
  between(
    `tools/list req/s at ${sizes.medium} tools (c=1), nestjs-mcp ÷ @rekog/mcp-nest`,
    'mcp.list.medium',
    'rekog.list.medium',
    'reqPerSec',
  );
  const listLarge = variant('mcp.list.large');
  if (listLarge) {
    ratios.push({
      name: `tools/list p50 at ${sizes.large} tools (c=1)`,
      value: listLarge.p50Ms,
      unit: ' ms',
      target: '< 2 ms',
      met: listLarge.p50Ms < 2,
    });
  }
  between(
    `tools/call CPU at ${sizes.large} routes ÷ at 1 route`,
    'mcp.call.routes.large',
    'mcp.call.routes.one',
    'cpuMsPerReq',
    ['≤ 1.10×', (v) => v <= 1.1],
  );
  for (const adapter of ['express', 'fastify'] as const) {
    const mcp = variant(`mcp.call.${adapter}.stateless`);
    const plain = variant(`rest.${adapter}`);
    if (mcp && plain) {
      const value = mcp.heapAfterLoad / plain.heapAfterLoad;
      ratios.push({
        name: `heap after load + GC, nestjs-mcp ÷ plain app (${adapter})`,
        value,
        unit: '×',
        target: '≤ 1.10×',
        met: value <= 1.1,
      });
      const rekog = variant(`rekog.call.${adapter}.stateless`);
      if (rekog) {
        ratios.push({
          name: `heap after load + GC, @rekog/mcp-nest ÷ plain app (${adapter})`,
          value: rekog.heapAfterLoad / plain.heapAfterLoad,
          unit: '×',
        });
      }
      ratios.push({
        name: `heap after load ÷ after warm-up, nestjs-mcp (${adapter})`,
        value: mcp.heapAfterLoad / mcp.heapWarm,
        unit: '×',
      });
      ratios.push({
        name: `heap growth per tools/call over the load (${adapter})`,
        value: (mcp.heapAfterLoad - mcp.heapWarm) / mcp.requests,
        unit: ' B',
      });
    }
  }
  const idle = session('session.mcp');
  if (idle) {
    const value = idle.bytesPerSession / 1024;
    ratios.push({
      name: 'heap per idle stateful session, nestjs-mcp',
      value,
      unit: ' KB',
      target: '< 50 KB',
      met: value < 50,
    });
  }
  for (const [size, routes] of [
    ['one', 1],
    ['medium', sizes.medium],
    ['large', sizes.large],
  ] as const) {
    const plain = startup(`start.plain.${size}`);
    const mcp = startup(`start.mcp.${size}`);
    if (!plain || !mcp) continue;
    const value = mcp.firstAnswerMs - plain.firstAnswerMs;
    ratios.push({
      name: `start-up added by McpModule, ${routes} route${routes === 1 ? '' : 's'}`,
      value,
      unit: ' ms',
      ...(size === 'medium' ? { target: '< 150 ms', met: value < 150 } : {}),
    });
    const rekog = startup(`start.rekog.${size}`);
    if (rekog) {
      ratios.push({
        name: `start-up added by @rekog/mcp-nest, ${routes} tool${routes === 1 ? '' : 's'}`,
        value: rekog.firstAnswerMs - plain.firstAnswerMs,
        unit: ' ms',
      });
    }
  }
  return ratios;
}
