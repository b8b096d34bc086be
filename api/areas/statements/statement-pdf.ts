import PDFDocument from 'pdfkit';
import type { Statement } from '../../../domain/statements/statement';

/** The statement as an A4 PDF (pdfkit, built-in Helvetica): the same sections as the JSON and CSV. */
export function statementPdf(s: Statement): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    info: { Title: `BondX statement ${s.participant_id}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string) =>
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(11).text(text).font('Helvetica').fontSize(8);
  const line = (cells: (string | null)[]) => doc.text(cells.map((c) => c ?? '-').join('   '));
  doc.font('Helvetica-Bold').fontSize(16).text('BondX statement');
  doc.font('Helvetica').fontSize(9);
  doc.text(`Participant ${s.participant_id}, ${s.from} to ${s.to} (generated ${s.generated_at})`);
  heading('Holdings');
  line(['ISIN', 'Bond', 'Face', 'Clean price', 'Clean value', 'Accrued', 'Dirty value']);
  for (const h of s.holdings) {
    line([h.isin, h.bond_id, h.quantity, h.clean_price, h.clean_value, h.accrued_interest, h.dirty_value]);
  }
  line(['Total', '', '', '', s.holdings_total.clean_value, '', s.holdings_total.dirty_value]);
  heading('Cash');
  line([`Opening ${s.cash.opening_balance}`, `Closing ${s.cash.closing_balance}`]);
  heading('Trades');
  for (const t of s.trades) {
    line([t.executed_at, t.isin, t.side, t.quantity, `@ ${t.price}`, t.consideration, t.execution_mechanism]);
  }
  heading('Settlements');
  for (const m of s.settlements) {
    line([
      m.posted_at,
      m.kind,
      m.reference,
      m.cash,
      m.securities.map((x) => `${x.isin} ${x.quantity}`).join(', '),
    ]);
  }
  heading('Coupons and redemptions');
  for (const m of s.coupons_and_redemptions) line([m.posted_at, m.kind, m.reference, m.cash]);
  heading('Fees');
  line(['Charged', 'Trade', 'Side', 'ISIN', 'Consideration', 'Rate (bp)', 'Minimum', 'Fee']);
  for (const f of s.fees.items) {
    line([f.charged_at, f.trade_id, f.side, f.isin, f.consideration, f.rate_bp, f.minimum, f.amount]);
  }
  line(['Total', '', '', '', '', '', '', s.fees.total]);
  heading('Fees and P&L');
  line([`Fees ${s.fees.total}`, `Realised P&L ${s.pnl.realised}`, `Unrealised P&L ${s.pnl.unrealised}`]);
  doc.end();
  return done;
}
