/** The one line beside a control the organisation decides (the control points at it with aria-describedby). */
export function PolicyNote({ id, text }: { id: string; text: string }) {
  return <p id={id} class="help policy-note" data-testid="policy-note">{text}</p>;
}
