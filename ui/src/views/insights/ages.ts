// Reference age across essays: one box per essay (youngest, quartiles,
// median and oldest reference, in years before the essay), so a marker
// sees at a glance whose sources are dated. The five numbers are the
// engine's; the chart only draws them.

import { referenceAges, type EssayAges } from "../../api";
import { axis, base, chartFigure, emptyChart, tip } from "../../charts";
import { replace } from "../../dom";
import { plural } from "../../format";
import type { Tab, TabContext } from "./index";

export async function agesTab({ collection, box }: TabContext): Promise<Tab> {
  const ages = await referenceAges(collection);
  if (ages.length === 0) {
    replace(box, emptyChart("ages", "No essay here has a dated reference."));
    return { figures: () => [] };
  }
  const many = ages.length > 40;
  const label = (a: EssayAges) => `#${a.document} ${a.label}`;
  const figure = chartFigure({
    id: "ages",
    height: Math.min(120 + 34 * ages.length, 900),
    items: ages.length,
    summary: `Reference ages of ${plural(ages.length, "essay")}: ${ages
      .slice(0, 6)
      .map((a) => `${a.label}, median ${a.median} years`)
      .join("; ")}.`,
    csv: { chart: "ages", document: null, collection, list: null, filter: null },
    onClick: (item) => (location.hash = `#/doc/${ages[item.dataIndex].document}`),
    option: (p) => ({
      ...base(p, "Reference age by essay", "years between each reference and the essay · box: middle half · line: median", (item: { dataIndex: number }) => {
        const a = ages[item.dataIndex];
        return tip(
          label(a),
          `Median ${a.median} years (${plural(a.references, "dated reference")})`,
          `Middle half ${a.q1}–${a.q3} years`,
          `Newest ${a.min}, oldest ${a.max} years`,
        );
      }),
      grid: { left: 8, right: 24, top: 64, bottom: 44, containLabel: true },
      xAxis: axis(p, "Age of reference (years before the essay)", { type: "value", nameLocation: "middle", nameGap: 28, min: 0 }),
      yAxis: axis(p, "", {
        type: "category",
        inverse: true,
        data: ages.map(label),
        axisLabel: { color: p.ink2, width: 200, overflow: "truncate" },
        splitLine: { show: false },
      }),
      ...(many ? { dataZoom: [{ type: "slider", yAxisIndex: 0, right: 0, width: 14, endValue: 39 }] } : {}),
      series: [
        {
          type: "boxplot",
          name: "Reference age",
          cursor: "pointer",
          boxWidth: [6, 18],
          itemStyle: { color: `${p.essay}33`, borderColor: p.essay, borderWidth: 1.5 },
          data: ages.map((a) => [a.min, a.q1, a.median, a.q3, a.max]),
        },
      ],
    }),
  });
  replace(box, figure.element);
  return { figures: () => [figure] };
}
