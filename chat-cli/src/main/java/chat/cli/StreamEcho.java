package chat.cli;

import chat.cli.line.TerminalEcho;

/**
 * The echo of line mode over the streams ({@code printf '...' | chat}, {@code chat --plain > log}),
 * where a secret not given in the environment or a file is read from the next input line: there is
 * always nothing more to hide, so the line is read as a plain line and the prompt written once.
 * From a pipe or a file nothing echoes the line; from a terminal whose output goes elsewhere,
 * {@code terminal} turns its echo off where it can. Without this, a secret over a pipe was read
 * under JLine's mask, which rewrites the prompt many times a second into the output.
 */
final class StreamEcho implements TerminalEcho {
  private final TerminalEcho terminal;
  private boolean terminalOff;

  StreamEcho(TerminalEcho terminal) {
    this.terminal = terminal;
  }

  @Override
  public synchronized boolean off() {
    terminalOff = terminal.off();
    return true;
  }

  @Override
  public synchronized void on() {
    if (terminalOff) {
      terminal.on();
      terminalOff = false;
    }
  }
}
