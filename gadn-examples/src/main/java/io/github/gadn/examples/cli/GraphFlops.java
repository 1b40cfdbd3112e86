package io.github.gadn.examples.cli;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;

/**
 * Multiply-accumulate count of the part of a graph that one {@code Session.run} executes: every
 * op the given fetches and targets depend on (through data and control inputs), and among them
 * every convolution ({@code Conv2D}, {@code Conv2DBackpropInput}, {@code Conv2DBackpropFilter})
 * and matrix product ({@code MatMul}, {@code BatchMatMulV2/V3}), from their static shapes. The
 * gradient ops are part of the graph, so forward and backward passes are counted exactly as
 * built; element-wise ops, reductions and resampling are not counted. The {@code FLOP} columns of
 * {@code gadn bench} are twice these counts.
 */
final class GraphFlops {
  private GraphFlops() {}

  /** The op types counted, in report order. */
  static final java.util.List<String> COUNTED =
      java.util.List.of(
          "Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter", "MatMul", "BatchMatMulV2",
          "BatchMatMulV3");

  /** Multiply-accumulates per counted op type of what {@code roots} depend on. */
  static Map<String, Long> macsByType(Collection<? extends Object> roots) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (GraphOperation op : closure(roots)) {
      if (COUNTED.contains(op.type())) {
        out.merge(op.type(), macs(op), Long::sum);
      }
    }
    return out;
  }

  /** Total multiply-accumulates of what {@code roots} (operands, ops or outputs) depend on. */
  static long macs(Collection<? extends Object> roots) {
    return macsByType(roots).values().stream().mapToLong(Long::longValue).sum();
  }

  private static GraphOperation op(Object root) {
    if (root instanceof GraphOperation g) {
      return g;
    }
    if (root instanceof Output<?> o) {
      return (GraphOperation) o.op();
    }
    if (root instanceof Operand<?> o) {
      return (GraphOperation) o.op();
    }
    if (root instanceof Op o) {
      return (GraphOperation) o.op();
    }
    throw new IllegalArgumentException("not a graph op: " + root);
  }

  private static Set<GraphOperation> closure(Collection<? extends Object> roots) {
    Set<GraphOperation> seen = new HashSet<>();
    Deque<GraphOperation> todo = new ArrayDeque<>();
    for (Object r : roots) {
      GraphOperation g = op(r);
      if (seen.add(g)) {
        todo.add(g);
      }
    }
    while (!todo.isEmpty()) {
      GraphOperation g = todo.poll();
      for (Operand<?> in : g.inputs()) {
        GraphOperation p = (GraphOperation) in.op();
        if (seen.add(p)) {
          todo.add(p);
        }
      }
      for (GraphOperation p : g.controlInputs()) {
        if (seen.add(p)) {
          todo.add(p);
        }
      }
    }
    return seen;
  }

  /** Multiply-accumulates of one counted op. */
  static long macs(GraphOperation op) {
    switch (op.type()) {
      case "Conv2D":
        {
          long[] filter = shape(op, op.input(1));
          return size(op, op.output(0)) * filter[0] * filter[1] * filter[2];
        }
      case "Conv2DBackpropInput":
        {
          long[] filter = shape(op, op.input(1));
          return size(op, op.input(2)) * filter[0] * filter[1] * filter[2];
        }
      case "Conv2DBackpropFilter":
        {
          long[] filter = shape(op, op.output(0));
          return size(op, op.input(2)) * filter[0] * filter[1] * filter[2];
        }
      case "MatMul":
        {
          long[] a = shape(op, op.input(0));
          long k = op.attributes().getAttrBool("transpose_a") ? a[0] : a[1];
          return size(op, op.output(0)) * k;
        }
      case "BatchMatMulV2":
      case "BatchMatMulV3":
        {
          long[] a = shape(op, op.input(0));
          long k = op.attributes().getAttrBool("adj_x") ? a[a.length - 2] : a[a.length - 1];
          return size(op, op.output(0)) * k;
        }
      default:
        return 0;
    }
  }

  private static long[] shape(GraphOperation op, Output<?> o) {
    long[] s = o.shape().asArray();
    if (s == null) {
      throw new IllegalStateException(op.type() + " op " + op.name() + " has an unknown rank");
    }
    for (long d : s) {
      if (d < 0) {
        throw new IllegalStateException(
            op.type() + " op " + op.name() + " has a dynamic shape " + o.shape()
                + ": its multiply-accumulates cannot be counted statically");
      }
    }
    return s;
  }

  private static long size(GraphOperation op, Output<?> o) {
    long n = 1;
    for (long d : shape(op, o)) {
      n *= d;
    }
    return n;
  }
}
