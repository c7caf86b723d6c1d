import { type CallInfo, IssuesError } from "./issues-error.js";

/**
 * `listAll` stopped because the server's paging went wrong: the page after `cursor` held an
 * issue it had already yielded (the server ignored the cursor, went back, or went round in a
 * circle). Going on would yield issues twice or never end.
 */
export class IssuesPagingError extends IssuesError {
  override name = "IssuesPagingError";
  /** The `after` cursor of the request whose page repeated an issue. */
  declare readonly cursor: string | undefined;

  constructor(call: CallInfo, cursor: string | undefined, repeated: string) {
    super(call, `listAll: the page after ${cursor} repeats issue ${repeated}`);
    Object.assign(this, { cursor });
  }
}
