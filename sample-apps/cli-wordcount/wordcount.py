#!/usr/bin/python3
"""wordcount: count the lines, words and characters of some text, and show its most frequent words.

The text is the arguments (joined by spaces) or, when there are none, standard input.
Exit status: 0 counted, 1 the text has no words, 2 bad usage.
"""
import argparse
import collections
import json
import re
import sys

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def count(text, top):
    words = [w.lower() for w in WORD.findall(text)]
    frequencies = collections.Counter(words)
    ranked = sorted(frequencies.items(), key=lambda item: (-item[1], item[0]))[:top]
    return {
        "lines": len(text.splitlines()),
        "words": len(words),
        "chars": len(text),
        "unique": len(frequencies),
        "top": [{"word": w, "count": n} for w, n in ranked],
    }


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="wordcount",
        description="Count lines, words and characters of TEXT, or of standard input when no TEXT is given.",
    )
    parser.add_argument("text", nargs="*", metavar="TEXT", help="the text to count (default: read standard input)")
    parser.add_argument("-t", "--top", type=int, default=3, metavar="N", help="how many frequent words to show (default 3)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    if args.top < 0:
        parser.error("--top must be 0 or more")

    text = " ".join(args.text) if args.text else sys.stdin.read()
    result = count(text, args.top)
    if result["words"] == 0:
        print("wordcount: no words in the input", file=sys.stderr)
        return 1

    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, sort_keys=True)
        sys.stdout.write("\n")
    else:
        print(f"lines: {result['lines']}")
        print(f"words: {result['words']}")
        print(f"chars: {result['chars']}")
        print(f"unique: {result['unique']}")
        print("top: " + " ".join(f"{t['word']}={t['count']}" for t in result["top"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
