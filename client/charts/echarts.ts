import { GaugeChart } from 'echarts/charts';
import type { GaugeSeriesOption } from 'echarts/charts';
import { TitleComponent } from 'echarts/components';
import type { TitleComponentOption } from 'echarts/components';
import { init, use } from 'echarts/core';
import type { ComposeOption, EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the views draw is registered, so the bundle stays small (echarts/core + use).
use([GaugeChart, TitleComponent, CanvasRenderer]);

/** Options for exactly the registered chart types and components. */
export type ECOption = ComposeOption<GaugeSeriesOption | TitleComponentOption>;

export { init };
export type { EChartsType };
