package org.csdlab.ebpf.verifier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.csdlab.ebpf.Instruction;

/**
 * Which instructions dominate which in the control-flow graph of {@link LoopForest#successors}:
 * {@code a} dominates {@code b} when every path from an entry (the program's, or a local
 * function's) to {@code b} passes {@code a}. Cooper, Harvey and Kennedy's iterative algorithm over
 * the reverse postorder, then a numbering of the dominator tree so that a query is two comparisons.
 */
final class Dominators {
  private static final int ROOT = -1;
  private final int[] enter;
  private final int[] exit;

  private Dominators(int[] enter, int[] exit) {
    this.enter = enter;
    this.exit = exit;
  }

  /** True when {@code a} dominates {@code b} (both reachable; an instruction dominates itself). */
  boolean dominates(int a, int b) {
    return enter[a] >= 0 && enter[b] >= 0 && enter[a] <= enter[b] && exit[b] <= exit[a];
  }

  boolean reachable(int pc) {
    return enter[pc] >= 0;
  }

  static Dominators of(List<Instruction> insns, int[] indexAt, List<Integer> roots) {
    int slots = indexAt.length;
    int[][] succ = new int[slots][];
    for (int pc = 0; pc < slots; pc++) {
      succ[pc] =
          indexAt[pc] < 0 ? new int[0] : LoopForest.successors(insns.get(indexAt[pc]), pc, slots);
    }
    // reverse postorder from a virtual root whose successors are the entries
    int[] order = new int[slots];
    Arrays.fill(order, -1);
    int[] postorder = new int[slots];
    int count = 0;
    boolean[] seen = new boolean[slots];
    for (int root : roots) {
      if (seen[root]) {
        continue;
      }
      Deque<int[]> stack = new ArrayDeque<>();
      seen[root] = true;
      stack.push(new int[] {root, 0});
      while (!stack.isEmpty()) {
        int[] top = stack.peek();
        int[] next = succ[top[0]];
        if (top[1] < next.length) {
          int n = next[top[1]++];
          if (!seen[n]) {
            seen[n] = true;
            stack.push(new int[] {n, 0});
          }
        } else {
          stack.pop();
          postorder[count++] = top[0];
        }
      }
    }
    int[] rpo = new int[count];
    for (int i = 0; i < count; i++) {
      rpo[i] = postorder[count - 1 - i];
      order[rpo[i]] = i;
    }
    List<List<Integer>> preds = new ArrayList<>(slots);
    for (int pc = 0; pc < slots; pc++) {
      preds.add(new ArrayList<>(1));
    }
    for (int pc = 0; pc < slots; pc++) {
      if (order[pc] >= 0) {
        for (int n : succ[pc]) {
          preds.get(n).add(pc);
        }
      }
    }
    int[] idom = new int[slots];
    Arrays.fill(idom, Integer.MIN_VALUE);
    for (int root : roots) {
      idom[root] = ROOT;
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int pc : rpo) {
        if (idom[pc] == ROOT) {
          continue;
        }
        int best = Integer.MIN_VALUE;
        for (int p : preds.get(pc)) {
          if (idom[p] == Integer.MIN_VALUE) {
            continue;
          }
          if (best == ROOT) {
            // only the virtual root dominates both: no later predecessor changes that
            break;
          }
          best = best == Integer.MIN_VALUE ? p : intersect(best, p, idom, order);
        }
        if (best != idom[pc]) {
          idom[pc] = best;
          changed = true;
        }
      }
    }
    // number the dominator tree depth first: a dominates b iff b's interval is inside a's
    List<List<Integer>> children = new ArrayList<>(slots);
    for (int pc = 0; pc < slots; pc++) {
      children.add(new ArrayList<>(0));
    }
    List<Integer> tops = new ArrayList<>();
    for (int pc : rpo) {
      if (idom[pc] == ROOT || idom[pc] == Integer.MIN_VALUE) {
        tops.add(pc);
      } else {
        children.get(idom[pc]).add(pc);
      }
    }
    int[] enter = new int[slots];
    int[] exit = new int[slots];
    Arrays.fill(enter, -1);
    int clock = 0;
    for (int top : tops) {
      Deque<int[]> stack = new ArrayDeque<>();
      stack.push(new int[] {top, 0});
      enter[top] = clock++;
      while (!stack.isEmpty()) {
        int[] t = stack.peek();
        List<Integer> kids = children.get(t[0]);
        if (t[1] < kids.size()) {
          int c = kids.get(t[1]++);
          enter[c] = clock++;
          stack.push(new int[] {c, 0});
        } else {
          stack.pop();
          exit[t[0]] = clock++;
        }
      }
    }
    return new Dominators(enter, exit);
  }

  /** The nearest common dominator of {@code a} and {@code b} (or the virtual root). */
  private static int intersect(int a, int b, int[] idom, int[] order) {
    while (a != b) {
      while (order[a] > order[b]) {
        a = idom[a];
        if (a == ROOT) {
          return ROOT;
        }
      }
      while (order[b] > order[a]) {
        b = idom[b];
        if (b == ROOT) {
          return ROOT;
        }
      }
    }
    return a;
  }
}
