"""Test peer: trains small SentencePiece models with Debian's python3-sentencepiece (0.1.97) from
the robot instruction corpus, then encodes and decodes with them so the C# tokenizer can be
compared byte for byte. Reads a JSON request on stdin:
  {"corpus": path, "directory": dir, "texts": [str], "decode": [[int]]}
and writes a JSON answer on stdout: for each model its file, its encodings (ids and pieces), the
decoding of each encoding, and the decoding of each extra id list (ids past a model's vocabulary are
wrapped into it)."""
import json
import os
import sys

import sentencepiece as spm

# Each model exercises a part of SentencePiece the C# side must match.
MODELS = {
    # Unigram with the default nmt_nfkc normalizer, user-defined symbols and unknown characters.
    "unigram_nmt_nfkc": dict(model_type="unigram", vocab_size=220, character_coverage=0.98,
                             user_defined_symbols=["<robot>", "cm"], self_test_sample_size=20),
    # Unigram with identity normalization and byte fallback.
    "unigram_identity_byte_fallback": dict(model_type="unigram", vocab_size=400, normalization_rule_name="identity",
                                           byte_fallback=True, character_coverage=0.98),
    # Unigram with case folding and whitespace as suffix.
    "unigram_nmt_nfkc_cf_suffix": dict(model_type="unigram", vocab_size=200, normalization_rule_name="nmt_nfkc_cf",
                                       treat_whitespace_as_suffix=True, character_coverage=0.995),
    # Gemma-like BPE: byte fallback, identity, no dummy prefix, spaces kept, digits split, whitespace runs as symbols.
    "bpe_gemma_like": dict(model_type="bpe", vocab_size=500, normalization_rule_name="identity", byte_fallback=True,
                           add_dummy_prefix=False, remove_extra_whitespaces=False, split_digits=True,
                           character_coverage=0.99, user_defined_symbols=["\u2581\u2581", "\u2581\u2581\u2581", "<ctrl7>"],
                           control_symbols=["<start_of_turn>"], bos_id=2, eos_id=1, pad_id=0, unk_id=3),
    # BPE with nmt_nfkc and no byte fallback: runs of unknown characters.
    "bpe_nmt_nfkc": dict(model_type="bpe", vocab_size=300, character_coverage=0.98, unk_surface="<?>"),
    # BPE with plain NFKC and no whitespace escaping of the dummy prefix removed.
    "bpe_nfkc_keep_spaces": dict(model_type="bpe", vocab_size=250, normalization_rule_name="nfkc",
                                 remove_extra_whitespaces=False, character_coverage=1.0),
    # Custom rules compiled into the charsmap (MM -> mm, arrow -> " to ", full-width ! -> !) and a
    # denormalizer applied after decoding (! -> !!, mm -> millimeters); the rule files are written below.
    "unigram_custom_rules": dict(model_type="unigram", vocab_size=200, character_coverage=0.98),
    "word_nmt_nfkc": dict(model_type="word", vocab_size=150, use_all_vocab=True),
    "char_identity": dict(model_type="char", vocab_size=100, normalization_rule_name="identity",
                          user_defined_symbols=["<robot>"], character_coverage=0.98),
}

RESTRICTED = ["bpe_nmt_nfkc", "unigram_nmt_nfkc_cf_suffix"]


def main():
    request = json.load(sys.stdin)
    answer = {}
    rules = os.path.join(request["directory"], "normalization_rules.tsv")
    with open(rules, "w", encoding="ascii") as file:
        file.write("4D 4D\t6D 6D\n2192\t20 74 6F 20\nFF01\t21\n")
    denormalization_rules = os.path.join(request["directory"], "denormalization_rules.tsv")
    with open(denormalization_rules, "w", encoding="ascii") as file:
        file.write("21\t21 21\n6D 6D\t6D 69 6C 6C 69 6D 65 74 65 72 73\n")
    MODELS["unigram_custom_rules"].update(normalization_rule_tsv=rules, denormalization_rule_tsv=denormalization_rules)
    for name, options in MODELS.items():
        prefix = os.path.join(request["directory"], name)
        spm.SentencePieceTrainer.train(input=request["corpus"], model_prefix=prefix, num_threads=1,
                                       hard_vocab_limit=False, minloglevel=2, **options)
        answer[name] = describe(prefix + ".model", request)
    # Vocabulary restricted to the pieces of the first corpus lines: SentencePiece marks the other
    # pieces UNUSED (BPE must then resegment merged unused pieces); the model is saved with them.
    for name in RESTRICTED:
        base = os.path.join(request["directory"], name)
        processor = spm.SentencePieceProcessor(model_file=base + ".model")
        valid = {piece for text in request["texts"][:25] for piece in processor.encode(text, out_type=str)}
        processor.set_vocabulary(sorted(valid))
        with open(base + "_restricted.model", "wb") as file:
            file.write(processor.serialized_model_proto())
        answer[name + "_restricted"] = describe(base + "_restricted.model", request)
    json.dump(answer, sys.stdout)


def describe(path, request):
    processor = spm.SentencePieceProcessor(model_file=path)
    size = processor.get_piece_size()
    encodings = [processor.encode(text) for text in request["texts"]]
    return {
        "file": path,
        "ids": encodings,
        "pieces": [processor.encode(text, out_type=str) for text in request["texts"]],
        "decoded": [processor.decode(ids) for ids in encodings],
        "decoded_extra": [processor.decode([i % size for i in ids]) for ids in request["decode"]],
        "decoded_each": [processor.decode([i]) for i in range(size)],
    }


if __name__ == "__main__":
    main()
