// Where a command prints: standard output and standard error, or a spec's buffers.

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}
