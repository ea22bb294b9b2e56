// An appeal's filing deadline, from the cited table src/appeal/appeal-clocks.json: an info finding carrying the
// deadlines (the JSON field of `check --format json`), and a warning when the deadline is near (14 days or fewer)
// or past.
import { appealDeadlines, statusNote } from '../../appeal/deadlines.js';
import { whenText } from '../../appeal/format-deadlines.js';
import { formatDate } from '../../format/format.js';
import type { Finding, Rule } from '../rule.js';

export const NEAR_DAYS = 14;

export const rule: Rule = {
  id: 'appeal-deadline',
  severity: 'info',
  summary: `On an appeal case: the filing deadline for the level asked (\`denial.level\`) counted from \`denial.date\` or \`denial.receivedOn\`, and the decision clocks, each with its source (\`src/appeal/appeal-clocks.json\`); \`appeal-deadline-near\` (warning) when ${NEAR_DAYS} days or fewer are left, \`appeal-deadline-past\` (warning) when the deadline has passed.`,
  check({ case: c, today }) {
    const d = appealDeadlines(c, today);
    if (!d) return [];
    const out: Finding[] = [];
    const f = d.filing;
    out.push({
      path: ['denial', 'level'],
      message: f
        ? `File the ${d.level} with ${d.who} by ${formatDate(f.deadline)} (${whenText(f.daysLeft)}): ${f.window} from ${formatDate(f.countedFrom)} (${f.basis})${statusNote(f.status)}.`
        : `The ${d.level} has no regulatory filing deadline: ${d.filingNote ?? 'set by the payer; see the denial notice.'}`,
      hint: 'The denial notice states the window the plan applies; where it differs, it governs. `authpack check` prints the decision clocks and sources.',
      data: { appealDeadlines: d },
    });
    if (!f) return out;
    if (f.daysLeft < 0) {
      out.push({
        id: 'appeal-deadline-past',
        severity: 'warning',
        path: ['denial', 'date'],
        message: `The filing deadline for the ${d.level} was ${formatDate(f.deadline)}, ${whenText(f.daysLeft)} (${f.basis}).`,
        hint: f.goodCause
          ? `File anyway with a request to extend the time for good cause (${f.goodCause}), saying why it is late; check denial.date and denial.receivedOn first.`
          : 'Check denial.date and denial.receivedOn, and the window in the denial notice; ask the payer whether it accepts a late appeal.',
      });
    } else if (f.daysLeft <= NEAR_DAYS) {
      out.push({
        id: 'appeal-deadline-near',
        severity: 'warning',
        path: ['denial', 'date'],
        message: `The filing deadline for the ${d.level} is ${formatDate(f.deadline)}, ${whenText(f.daysLeft)} (${f.basis}).`,
        hint: `Send the appeal now by a route that records receipt (fax confirmation, portal receipt)${/405\.9(42|62)/.test(f.basis) ? ': Medicare counts the request as filed when the contractor receives it' : ''}.`,
      });
    }
    return out;
  },
};
