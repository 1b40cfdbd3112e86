/** A small JSON reader and writer for run options, metrics and benchmark reports. */
package io.github.gadn.json;
