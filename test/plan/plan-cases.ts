// Cases for the packet-plan tests: a short CPAP request (about a page and a half of letter, few diagnoses, four
// prior therapies), a cover with the most diagnoses a request can carry, and a case with no prior therapy.
import { buildCase, type RawCase } from '../support/build-case.js';

const sentence = (topic: string) =>
  `The ${topic} is documented in the enclosed sleep medicine records, with the dates and the measurements the plan's policy asks for.`;

/** An initial request for a CPAP device (E0601) for obstructive sleep apnea, to a payer without criteria. */
export function cpapCase(change?: (c: RawCase) => void): RawCase {
  return buildCase((c) => {
    c.caseId = 'PA-2026-0601';
    c.payer = 'generic-commercial';
    c.coverage = { payerName: 'Northwind Health', planName: 'Northwind Choice PPO', lineOfBusiness: 'commercial', payerFax: '+1 555 010 0901' };
    c.prescriber.specialty = 'Sleep medicine';
    c.items = [{ hcpcs: 'E0601', description: 'Continuous positive airway pressure (CPAP) device', modifiers: [], quantity: 1, acquisition: 'rental', unit: 'month' }];
    c.diagnoses = [
      { code: 'G47.33', description: 'Obstructive sleep apnea (adult) (pediatric)', primary: true },
      { code: 'E66.9', description: 'Obesity, unspecified' },
    ];
    delete c.clinical;
    delete c.deviceReadiness;
    c.priorTherapies = [
      { name: 'Positional therapy (sleep position trainer)', category: 'device', start: '2025-09-01', end: '2025-12-01', outcome: 'Residual apnea-hypopnea index 24 per hour while supine avoidance was used; daytime sleepiness unchanged.', stoppedBecause: 'completed' },
      { name: 'Supervised weight management program', category: 'other', start: '2025-06-01', end: '2026-03-01', outcome: 'Weight reduced by 4 kg; symptoms and snoring unchanged.', stoppedBecause: 'completed' },
      { name: 'Mandibular advancement device', category: 'device', start: '2026-01-10', end: '2026-04-02', outcome: 'Stopped because of jaw pain and dental discomfort after twelve weeks of use.', stoppedBecause: 'intolerance' },
      { name: 'Nasal corticosteroid spray', category: 'other', start: '2026-01-10', outcome: 'Nasal congestion improved; apnea symptoms unchanged.', stoppedBecause: 'ongoing' },
    ];
    c.necessity = {
      summary: [
        'A CPAP device is requested for moderate obstructive sleep apnea diagnosed by an attended polysomnogram with an apnea-hypopnea index of 27 events per hour and oxygen saturation falling to 81 %.',
        sentence('diagnostic sleep study'),
      ].join(' '),
      rationale: [
        'Positional therapy, weight management and an oral appliance were tried and did not control the apnea; the oral appliance was stopped because of jaw pain.',
        'Untreated moderate sleep apnea raises the risk of hypertension, atrial fibrillation and motor vehicle crashes, and the patient reports falling asleep while driving.',
        sentence('titration study'),
        sentence('face-to-face evaluation'),
      ].join(' '),
      alternativesConsidered: 'Upper airway surgery was discussed and declined in favour of positive airway pressure.',
      expectedOutcomes: 'Resolution of daytime sleepiness and an apnea-hypopnea index under 5 per hour on therapy.',
      references: [],
    };
    c.followUp = { plan: 'Download of device usage at 31 to 90 days to document use of at least 4 hours a night on 70 % of nights, and a clinic visit to review the benefit.', usageReports: [] };
    c.attachments = [
      { file: 'attachments/clinic-note-2026-11-16.pdf', kind: 'clinic-note', title: 'Sleep medicine consultation', date: '2026-11-16' },
      { file: 'attachments/imaging-mri-2026-11-13.pdf', kind: 'other', title: 'Attended polysomnogram report', date: '2026-11-13' },
    ];
    c.signature = { signer: 'Ada Whitfield, MD', date: '2026-11-20', method: 'electronic' };
    change?.(c);
  });
}

/** The gbm-initial case with 12 diagnoses (the most a request carries) and an expedited reason: a two-page cover. */
export function manyDiagnosesCase(): RawCase {
  return buildCase((c) => {
    const codes = ['C71.1', 'C71.0', 'C71.2', 'C71.3', 'C71.4', 'C71.5', 'C71.6', 'C71.7', 'C71.8', 'C71.9', 'C45.0', 'C34.90'];
    c.diagnoses = codes.map((code, i) => ({ code, primary: i === 0 }));
    c.request.urgency = 'expedited';
    c.request.expeditedReason = Array.from({ length: 6 }, () => 'Treatment must start within the window after chemoradiation that the policy allows, and the standard review time frame could seriously jeopardize the patient\'s life or health.').join(' ');
  });
}

/** The gbm-initial case with no prior therapy recorded, to a payer without criteria. */
export function noHistoryCase(): RawCase {
  return buildCase((c) => {
    // A payer without criteria: the TTF policy's criteria need the surgery and chemoradiation in the history.
    c.payer = 'generic-commercial';
    c.priorTherapies = [];
  });
}
