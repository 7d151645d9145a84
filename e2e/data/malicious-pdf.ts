// A CVE-2024-4367-style PDF built by the test: fonts whose /FontMatrix carries JavaScript in a
// string (the injection that reached `new Function` in pdf.js < 4.2.67), plus document-level
// JavaScript in /OpenAction and a link annotation with a javascript: action.
const JS = `1\\); window.__pwned = (window.__pwned||0)+1; alert\\('fontmatrix'\\); //`;

export function maliciousFontMatrixPdf(): Uint8Array {
  const objects: string[] = [
    `<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\); window.__pwned=1;) >> >>`,
    `<< /Type /Pages /Kids [3 0 R] /Count 1 >>`,
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R /F3 7 0 R >> >> /Annots [9 0 R] >>`,
    '', // contents, filled below
    `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FontMatrix [0.001 0 0 0.001 0 (${JS})] >>`,
    `<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 65 /LastChar 66 /Widths [600 600] /FontMatrix [1 2 3 4 5 (${JS})] >>`,
    `<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 (${JS})] /CharProcs << /A 8 0 R >> /Encoding << /Type /Encoding /Differences [65 /A] >> /FirstChar 65 /LastChar 65 /Widths [1000] /Resources << >> >>`,
    '', // the Type3 glyph, filled below
    `<< /Type /Annot /Subtype /Link /Rect [0 0 300 200] /A << /S /JavaScript /JS (app.alert\\(2\\)) >> >>`,
  ];
  const stream = (body: string) => `<< /Length ${body.length} >>\nstream\n${body}\nendstream`;
  objects[3] = stream(
    'BT 7 Tr /F1 24 Tf 20 150 Td (AB Helvetica) Tj ET BT /F1 24 Tf 20 120 Td (AB) Tj ET BT /F2 24 Tf 20 100 Td (AB) Tj ET BT 7 Tr /F3 24 Tf 20 50 Td (A) Tj ET',
  );
  objects[7] = stream('1000 0 0 0 1000 1000 d1 0 0 1000 1000 re f');
  let pdf = '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) pdf += `${String(o).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}
