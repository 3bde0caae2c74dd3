/** One thing wrong with an import file, pointing at where a person would look in a spreadsheet. */
export interface CsvProblem {
  file: string;
  /** 1-based line of the file where the row starts (the header is row 1); 0 for the file as a whole. */
  row: number;
  /** Header name of the offending column, or '' when the problem is not one cell's. */
  column: string;
  reason: string;
}

/** A problem with the file as a whole (encoding, header, empty): nothing in it can be imported. */
export class FileRefusal extends Error {
  constructor(
    readonly row: number,
    readonly column: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'FileRefusal';
  }
}
