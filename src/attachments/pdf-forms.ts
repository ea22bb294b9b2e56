// Filled form fields whose values have no drawn appearance (the filling tool left that to the viewer with
// NeedAppearances): authpack draws them with pdf-lib, in Helvetica, so the values print; a value it cannot draw is
// named in a warning instead of silently going out blank.
import { PDFBool, PDFCheckBox, PDFDict, PDFDropdown, PDFName, PDFOptionList, PDFRadioGroup, PDFTextField, StandardFonts, type PDFDocument, type PDFField } from 'pdf-lib';

/** Draws the missing appearances; returns the names of the fields it could not draw. */
export async function drawMissingAppearances(doc: PDFDocument): Promise<string[]> {
  const acro = doc.catalog.lookup(PDFName.of('AcroForm'));
  if (!(acro instanceof PDFDict)) return [];
  const viewerDraws = acro.lookup(PDFName.of('NeedAppearances')) === PDFBool.True;
  let fields: PDFField[];
  try {
    fields = doc.getForm().getFields();
  } catch {
    return ['(the form itself is damaged)'];
  }
  const failed: string[] = [];
  let font;
  for (const field of fields) {
    const name = safeName(field);
    try {
      if (field instanceof PDFTextField || field instanceof PDFDropdown || field instanceof PDFOptionList) {
        const filled = field instanceof PDFTextField ? (field.getText() ?? '') !== '' : field.getSelected().length > 0;
        if (!filled || !(viewerDraws || field.needsAppearancesUpdate())) continue;
        font ??= await doc.embedFont(StandardFonts.Helvetica);
        field.updateAppearances(font);
      } else if (field instanceof PDFCheckBox || field instanceof PDFRadioGroup) {
        if (field.needsAppearancesUpdate()) field.updateAppearances();
      }
    } catch {
      failed.push(name);
    }
  }
  // Standard fonts are written into the document only on flush; the appearances must find theirs when copied.
  if (font) await doc.flush();
  return failed;
}

function safeName(field: PDFField): string {
  try {
    return field.getName();
  } catch {
    return '(unnamed)';
  }
}
