import type { BrowserBenchOptions } from './options';

/** `npm run bench:browser -- …` flags. */
export function parseArgs(argv: string[]): { options: Partial<BrowserBenchOptions>; json: boolean } {
  const flags: Record<string, keyof BrowserBenchOptions> = {
    '--reps': 'reps',
    '--teams': 'teams',
    '--rate': 'rate',
    '--duration': 'duration',
    '--warmup': 'warmup',
    '--width': 'width',
    '--height': 'height',
    '--seed': 'seed',
    '--tick-ms': 'tickMs',
  };
  const options: Partial<BrowserBenchOptions> = {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--profile') options.profile = true;
    else if (arg === '--profile-out' && argv[i + 1]) {
      options.profile = true;
      options.profileOut = argv[++i]!;
    } else if (arg === '--css' && argv[i + 1]) options.css = argv[++i]!;
    else if (arg === '--client-dir' && argv[i + 1]) options.clientDir = argv[++i]!;
    else if (arg === '--trace-out' && argv[i + 1]) options.traceOut = argv[++i]!;
    else if (arg === '--screenshot-out' && argv[i + 1]) options.screenshotOut = argv[++i]!;
    else if (arg === '--chromium-arg' && argv[i + 1]) options.extraArgs = [...(options.extraArgs ?? []), argv[++i]!];
    else if (arg === '--help') {
      console.log(
        `npm run bench:browser -- [--json] [--profile] [--profile-out FILE] [--chromium-arg FLAG]… [--css TEXT] [--client-dir DIR] [--trace-out FILE] [--screenshot-out FILE] ${Object.keys(
          flags,
        )
          .map((f) => `[${f} N]`)
          .join(' ')}`,
      );
      process.exit(0);
    } else if (flags[arg] && Number.isFinite(Number(argv[i + 1])) && Number(argv[i + 1]) > 0) {
      (options as Record<string, number>)[flags[arg]] = Number(argv[++i]);
    } else throw new Error(`unknown or invalid option ${arg} (see --help)`);
  }
  return { options, json };
}
