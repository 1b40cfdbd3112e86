package io.github.gadn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gadn.data.TestImages.FakeDataset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchIteratorTest {

  private static List<Batch> take(BatchIterator it, int n) throws Exception {
    List<Batch> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(it.next());
    }
    return out;
  }

  private static void assertSame(List<Batch> a, List<Batch> b) {
    assertThat(a).hasSameSizeAs(b);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).indices()).containsExactly(b.get(i).indices());
      assertThat(a.get(i).labels()).containsExactly(b.get(i).labels());
      assertThat(a.get(i).rgba()).containsExactly(b.get(i).rgba());
    }
  }

  /** Polls until every queued batch is decoded (the loader has caught up), or a deadline. */
  private static void awaitCaughtUp(BatchIterator it) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while ((it.ready() < it.queued() || it.queued() == 0) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  @Test
  void sameSeedGivesIdenticalBatchesWhateverTheThreadCountAndPrefetch() throws Exception {
    FakeDataset d = new FakeDataset(60);
    List<Batch> a;
    try (BatchIterator it = BatchIterator.shuffled(d, 7, 5, 1, null)) {
      a = take(it, 20);
    }
    try (BatchIterator it = BatchIterator.builder(d).batchSize(7).seed(5).threads(4).prefetch(9).shuffled()) {
      assertSame(a, take(it, 20));
    }
    try (BatchIterator it = BatchIterator.builder(d).batchSize(7).seed(5).threads(3).cache(true).shuffled()) {
      assertSame(a, take(it, 20));
    }
    try (BatchIterator it = BatchIterator.shuffled(d, 7, 6, 2, null)) {
      assertThat(it.next().indices()).isNotEqualTo(a.get(0).indices());
    }
  }

  @Test
  void epochsArePermutationsWithTheTailDropped() throws Exception {
    FakeDataset d = new FakeDataset(60);
    try (BatchIterator it = BatchIterator.shuffled(d, 7, 5, 2, null)) {
      Set<Integer> seen = new HashSet<>();
      for (int i = 0; i < 8; i++) {
        Batch b = it.next();
        assertThat(b.size()).isEqualTo(7);
        assertThat(b.imageSize()).isEqualTo(4);
        assertThat(b.weights()).isNull();
        for (int k = 0; k < 7; k++) {
          assertThat(seen.add(b.indices()[k])).isTrue();
          assertThat(b.labels()[k]).isEqualTo(d.label(b.indices()[k]));
          assertThat(b.rgba()[k * 64]).isEqualTo(b.indices()[k] / 60f);
        }
      }
      assertThat(seen).hasSize(56);
      assertThat(it.cursor()).isEqualTo(new BatchIterator.State(5, 0, 56));
      assertThat(it.state())
          .containsEntry("data.epoch", "0")
          .containsEntry("data.position", "56")
          .containsEntry("data.seed", "5");
      Batch first = it.next();
      assertThat(it.cursor()).isEqualTo(new BatchIterator.State(5, 1, 7));
      assertThat(first.indices()).containsExactly(
          Arrays2.head(BatchIterator.permutation(60, 5, 1), 7));
      assertThat(it.hasNext()).isTrue();
    }
  }

  @Test
  void resumingFromASavedStateContinuesIdentically() throws Exception {
    FakeDataset d = new FakeDataset(30);
    try (BatchIterator it = BatchIterator.shuffled(d, 4, 9, 1, null)) {
      take(it, 13);
      Map<String, String> state = it.state();
      BatchIterator.State cursor = it.cursor();
      List<Batch> rest = take(it, 12);
      Map<String, String> withOtherKeys = new java.util.HashMap<>(state);
      withOtherKeys.put("disBatches", "3");
      try (BatchIterator resumed = BatchIterator.shuffled(d, 4, 12345, 3, withOtherKeys)) {
        assertSame(rest, take(resumed, 12));
      }
      try (BatchIterator resumed = BatchIterator.builder(d).batchSize(4).threads(2).resume(cursor).shuffled()) {
        assertSame(rest, take(resumed, 12));
      }
    }
    assertThat(BatchIterator.State.fromMap(null, 4)).isEqualTo(BatchIterator.State.start(4));
    assertThat(BatchIterator.State.fromMap(Map.of("data.epoch", "2", "data.position", "8"), 4))
        .isEqualTo(new BatchIterator.State(4, 2, 8));
    assertThatThrownBy(() -> BatchIterator.State.fromMap(Map.of("data.epoch", "x", "data.position", "8"), 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("data.epoch must be a number, got \"x\"");
  }

  @Test
  void sequentialModeKeepsOrderAndTheLastPartialBatch() throws Exception {
    FakeDataset d = new FakeDataset(10);
    try (BatchIterator it = BatchIterator.sequential(d, 4, 3)) {
      List<Integer> all = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      while (it.hasNext()) {
        Batch b = it.next();
        sizes.add(b.size());
        for (int i : b.indices()) {
          all.add(i);
        }
      }
      assertThat(sizes).containsExactly(4, 4, 2);
      assertThat(all).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
      assertThat(it.cursor().position()).isEqualTo(10);
      assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }
    try (BatchIterator it = BatchIterator.builder(d).batchSize(4).resume(new BatchIterator.State(0, 0, 8)).sequential()) {
      assertThat(it.next().indices()).containsExactly(8, 9);
      assertThat(it.hasNext()).isFalse();
    }
  }

  @Test
  void theLoaderKeepsBatchesReadyAheadOfASlowerConsumer() throws Exception {
    FakeDataset slow = new FakeDataset(64, 2, 15, i -> false, false);
    try (BatchIterator it = BatchIterator.builder(slow).batchSize(4).seed(1).threads(2).prefetch(3).shuffled()) {
      assertThat(it.queued()).as("prefetching starts on creation").isEqualTo(3);
      for (int step = 0; step < 5; step++) {
        awaitCaughtUp(it);
        assertThat(it.ready()).as("decoded batches waiting before next() at step %s", step).isEqualTo(3);
        it.next();
        assertThat(it.queued()).as("the loader refills at once").isEqualTo(3);
        assertThat(it.ready()).as("the next batches are still decoded").isGreaterThanOrEqualTo(2);
      }
    }
  }

  @Test
  void aFailingSampleSurfacesNamingTheFileAndStopsTheThreads() throws Exception {
    FakeDataset broken = new FakeDataset(40, 2, 0, i -> i == 17, false);
    BatchIterator it = BatchIterator.builder(broken).batchSize(5).threads(3).sequential();
    take(it, 3);
    assertThatThrownBy(it::next)
        .isInstanceOf(DataException.class)
        .hasMessage("cannot read image /fake/img17.png: corrupt");
    assertThat(((Loaders.Prefetching) it).awaitTermination(10_000)).isTrue();
    assertThatThrownBy(it::next)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("batch iterator stopped after an error: cannot read image /fake/img17.png: corrupt");
    it.close();

    LabelledDataset runtime = new FakeDataset(8) {
      @Override
      public Sample sample(int index) {
        throw new IllegalStateException("boom");
      }
    };
    try (BatchIterator r = BatchIterator.shuffled(runtime, 2, 1, 2, null)) {
      assertThatThrownBy(r::next)
          .isInstanceOf(DataException.class)
          .hasMessageStartingWith("cannot load sample ")
          .hasMessageEndingWith(" of fake: java.lang.IllegalStateException: boom");
    }
  }

  @Test
  void closeStopsBusyThreads() throws Exception {
    FakeDataset slow = new FakeDataset(64, 2, 200, i -> false, false);
    BatchIterator it = BatchIterator.builder(slow).batchSize(8).threads(3).shuffled();
    Thread.sleep(20);
    it.close();
    it.close();
    assertThat(((Loaders.Prefetching) it).awaitTermination(10_000)).isTrue();
    assertThatThrownBy(it::next).isInstanceOf(IllegalStateException.class).hasMessage("batch iterator is closed");
    assertThat(it.hasNext()).isFalse();
  }

  @Test
  void cacheDecodesEachSampleOnceAcrossEpochs() throws Exception {
    FakeDataset d = new FakeDataset(12);
    try (BatchIterator it = BatchIterator.builder(d).batchSize(4).threads(2).cache(true).shuffled()) {
      take(it, 9);
    }
    assertThat(d.decodes.get()).isEqualTo(12);
    FakeDataset e = new FakeDataset(12);
    try (BatchIterator it = BatchIterator.builder(e).batchSize(4).threads(2).shuffled()) {
      take(it, 9);
    }
    assertThat(e.decodes.get()).isGreaterThanOrEqualTo(36);
  }

  @Test
  void weightMapsTravelWithTheirImages() throws Exception {
    FakeDataset d = new FakeDataset(10, 2, 0, i -> false, true);
    try (BatchIterator it = BatchIterator.shuffled(d, 3, 2, 2, null)) {
      Batch b = it.next();
      assertThat(b.weights()).hasSize(3 * 16);
      for (int k = 0; k < 3; k++) {
        assertThat(b.weights()[k * 16]).isEqualTo(b.indices()[k] / 10f);
      }
    }
  }

  @Test
  void badOptionsAreNamed() {
    FakeDataset d = new FakeDataset(5);
    assertThatThrownBy(() -> BatchIterator.shuffled(d, 6, 1, 1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchSize 6 is larger than the data set (5 images in fake)");
    assertThatThrownBy(() -> BatchIterator.shuffled(d, 2, 1, 0, null))
        .hasMessage("threads (nloader) must be >= 1, got 0");
    assertThatThrownBy(() -> BatchIterator.builder(d).batchSize(0))
        .hasMessage("batchSize must be >= 1, got 0");
  }

  /** Tiny array helper. */
  private static final class Arrays2 {
    static int[] head(int[] a, int n) {
      return java.util.Arrays.copyOf(a, n);
    }
  }
}
