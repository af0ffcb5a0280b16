package org.csdlab.lab.display;

import java.util.ArrayList;
import java.util.List;

/**
 * A notebook-like sink for tests that records what it is asked to show: {@code show} returns the
 * display id {@code d1}; {@code calls} reads as {@code [show, update d1, ...]}.
 */
public final class RecordingSink implements DisplaySink {
  /** {@code show} and {@code update ID}, in order. */
  public final List<String> calls = new ArrayList<>();

  /** The value of each call, in order. */
  public final List<Object> values = new ArrayList<>();

  /** What {@link #live()} answers: a notebook (true) or a terminal (false). */
  public boolean live = true;

  @Override
  public synchronized String show(Object value) {
    calls.add("show");
    values.add(value);
    return "d1";
  }

  @Override
  public synchronized void update(String displayId, Object value) {
    calls.add("update " + displayId);
    values.add(value);
  }

  @Override
  public boolean live() {
    return live;
  }
}
