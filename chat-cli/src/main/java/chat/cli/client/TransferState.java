package chat.cli.client;

/** Where one shared file stands on this machine. */
public enum TransferState {
  /** Received and not acted on, or (outgoing) uploaded and offered. */
  OFFERED,
  /** Being encrypted and uploaded. */
  UPLOADING,
  /** Being downloaded; a partial download resumes where it stopped. */
  DOWNLOADING,
  /** Downloaded, verified (size and SHA-256) and saved. */
  DONE,
  /** Declined with {@code /file reject}. */
  REJECTED,
  /** The relay no longer has it. */
  EXPIRED,
  /** The last attempt failed (see the detail); it may be retried. */
  FAILED
}
