// A concurrent agent the policy treats as experimental together with the item (Aetna CPB 0827: tumor treating fields
// combined with chemo-immuno-therapy other than temozolomide, e.g. bevacizumab or lomustine): the case lists it as an
// ongoing therapy or as what the item is used with (`necessity.adjunctTo`), so the combination may be denied.
import { asSentence } from '../../diagnostics/show-text.js';
import { appliesToCase } from '../../coverage/evaluate-criteria.js';
import type { Finding, Rule } from '../rule.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The agent's name as a whole word, without case ("bevacizumab" in "Bevacizumab 10 mg/kg", not in a longer word). */
const names = (agent: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(agent.trim())}(?![\\p{L}\\p{N}])`, 'iu');

export const rule: Rule = {
  id: 'experimental-combination',
  severity: 'warning',
  summary: 'An ongoing therapy (or `necessity.adjunctTo`) names an agent the policy treats as experimental together with the item (`experimentalCombinations` in the profile, e.g. bevacizumab with TTF under Aetna CPB 0827).',
  check({ case: c, payer }) {
    if (payer.experimentalCombinations.length === 0 || !appliesToCase(c, payer)) return [];
    const policy = payer.policy ? `${payer.policy.number} (${payer.policy.title})` : payer.displayName;
    const items = c.items.map((i) => i.hcpcs).filter((h): h is string => h !== undefined && (payer.appliesTo.length === 0 || payer.appliesTo.includes(h)));
    const item = items.length ? items.join(', ') : 'the requested item';
    const out: Finding[] = [];
    for (const combination of payer.experimentalCombinations) {
      const tail = `${combination.note ? ` ${asSentence(combination.note)}` : ''}${combination.unconfirmed ? ` This position is unconfirmed: ${asSentence(combination.unconfirmed)}` : ''}`;
      for (const agent of combination.agents) {
        const re = names(agent);
        c.priorTherapies.forEach((t, i) => {
          if (t.stoppedBecause !== 'ongoing' || !re.test(t.name)) return;
          out.push({
            path: ['priorTherapies', i, 'name'],
            message: `Prior therapy ${i + 1} ("${t.name}") is ongoing and names ${agent}; ${policy} treats ${agent} together with ${item} as experimental or investigational.${tail}`,
            hint: `If ${agent} has stopped, give its \`end\` date and \`stoppedBecause\`; if it continues, expect a denial of the combination, or make the clinical case for it in the letter.`,
          });
        });
        const adj = c.necessity.adjunctTo;
        if (adj && re.test(adj)) {
          out.push({
            path: ['necessity', 'adjunctTo'],
            message: `The letter says ${item} will be used with "${adj}", which names ${agent}; ${policy} treats ${agent} together with ${item} as experimental or investigational.${tail}`,
            hint: `Expect a denial of the combination, or make the clinical case for it in the letter; if ${agent} is not part of the plan, correct \`necessity.adjunctTo\`.`,
          });
        }
      }
    }
    return out;
  },
};
