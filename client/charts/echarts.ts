import { BarChart, FunnelChart, GaugeChart, LineChart } from 'echarts/charts';
import type { BarSeriesOption, FunnelSeriesOption, GaugeSeriesOption, LineSeriesOption } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { init, use } from 'echarts/core';
import type { ComposeOption, EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the views draw is registered, so the bundle stays small (echarts/core + use).
use([
  GaugeChart,
  BarChart,
  LineChart,
  FunnelChart,
  TitleComponent,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  CanvasRenderer,
]);

/** Options for exactly the registered chart types and components. */
export type ECOption = ComposeOption<
  | GaugeSeriesOption
  | BarSeriesOption
  | LineSeriesOption
  | FunnelSeriesOption
  | TitleComponentOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | AriaComponentOption
>;

export { init };
export type { EChartsType };
