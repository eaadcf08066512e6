// Items the unit tests share: one journal article with two authors, a
// month and an accessed date, as the audit and the CSL form both read it.

import type { CslItem } from "./api";

export const chan: CslItem = {
  type: "article-journal",
  author: [
    { family: "Chan", given: "C." },
    { family: "Ngai", given: "S." },
  ],
  issued: { "date-parts": [[2019, 3]] },
  title: "Utilizing social media for social work",
  "container-title": "Journal of Technology in Human Services",
  volume: "37",
  page: "1-19",
  accessed: { "date-parts": [[2020, 2, 1]] },
};
