package io.github.gadn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java snippets of README.md compile against the current API and run. */
class ReadmeSnippetTest {
  private static final Pattern JAVA = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  private static List<String> snippets() throws Exception {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme);
    List<String> out = new ArrayList<>();
    Matcher m = JAVA.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void readmeSnippetsCompileAndRun(@TempDir Path dir) throws Exception {
    List<String> snippets = snippets();
    assertThat(snippets).hasSizeGreaterThanOrEqualTo(2);
    StringBuilder source = new StringBuilder();
    source.append("import io.github.gadn.*;\nimport io.github.gadn.config.*;\n")
        .append("import io.github.gadn.data.*;\nimport io.github.gadn.data.synth.*;\n")
        .append("import io.github.gadn.engine.*;\nimport java.io.*;\nimport java.nio.file.*;\n")
        .append("import java.util.*;\nimport javax.imageio.ImageIO;\n\npublic class Readme {\n");
    for (String s : snippets) {
      source.append(s).append('\n');
    }
    source.append("}\n");
    Path src = dir.resolve("Readme.java");
    Files.writeString(src, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "-d", dir.toString(), "-cp",
        System.getProperty("java.class.path"), src.toString());
    assertThat(status).as("README snippets compile:\n%s", source).isZero();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> readme = loader.loadClass("Readme");
      Method train = readme.getDeclaredMethod("train", Path.class, int.class);
      train.setAccessible(true);
      Path run = dir.resolve("run");
      train.invoke(null, run, 2);
      assertThat(run.resolve("models/last.ckpt")).isRegularFile();
      Path input = dir.resolve("seven.png");
      javax.imageio.ImageIO.write(
          new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_INT_RGB), "png",
          input.toFile());
      Method transfer = readme.getDeclaredMethod("transfer", Path.class, File.class, File.class);
      transfer.setAccessible(true);
      File output = dir.resolve("out.png").toFile();
      transfer.invoke(null, run, input.toFile(), output);
      assertThat(javax.imageio.ImageIO.read(output).getWidth()).isEqualTo(28);
      Method rest =
          readme.getDeclaredMethod("continueAndFinish", Path.class, Path.class, int.class);
      rest.setAccessible(true);
      rest.invoke(null, run, dir, 2);
      assertThat(run.resolve("models/4.ckpt")).isRegularFile();
      assertThat(run.resolve("codes/4_stats.ckpt")).isRegularFile();
      assertThat(dir.resolve("classifier/models/2.ckpt")).isRegularFile();
      assertThat(dir.resolve("stage2/models/2.ckpt")).isRegularFile();
    }
  }
}
