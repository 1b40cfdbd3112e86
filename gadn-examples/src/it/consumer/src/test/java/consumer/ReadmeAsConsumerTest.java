package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's library snippets, compiled and run with only the README's dependencies. */
class ReadmeAsConsumerTest {
  private static final String IMPORTS = "import io.github.gadn.*; import io.github.gadn.config.*;"
      + " import io.github.gadn.data.*; import io.github.gadn.data.synth.*;"
      + " import io.github.gadn.engine.*; import java.io.*; import java.nio.file.*;"
      + " import java.util.*; import javax.imageio.ImageIO;\n";

  @Test
  void readmeSnippetsTrainAndTransfer(@TempDir Path dir) throws Exception {
    String readme = Files.readString(Path.of(System.getProperty("readme")));
    StringBuilder source = new StringBuilder(IMPORTS).append("public class Readme {\n");
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    while (m.find()) {
      source.append(m.group(1));
    }
    Path file = dir.resolve("Readme.java");
    Files.writeString(file, source.append("}\n"));
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null,
        "-d", dir.toString(), "-cp", System.getProperty("java.class.path"), file.toString());
    assertEquals(0, status, "the README snippets compile against the published jars");

    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
        getClass().getClassLoader())) {
      Class<?> snippets = loader.loadClass("Readme");
      Method train = snippets.getDeclaredMethod("train", Path.class, int.class);
      train.setAccessible(true);
      train.invoke(null, dir.resolve("run"), 2);
      assertTrue(Files.isRegularFile(dir.resolve("run/models/last.ckpt")));

      File input = dir.resolve("blank.png").toFile();
      javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(
          28, 28, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", input);
      File output = dir.resolve("out.png").toFile();
      Method transfer = snippets.getDeclaredMethod("transfer", Path.class, File.class, File.class);
      transfer.setAccessible(true);
      transfer.invoke(null, dir.resolve("run"), input, output);
      assertEquals(28, javax.imageio.ImageIO.read(output).getWidth());
    }
  }
}
