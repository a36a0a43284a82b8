"""Every message type the kernel implements, checked by Debian's jupyter_kernel_test (schemas included)."""
import unittest

import jupyter_kernel_test as jkt


class JavaKernelProtocolTests(jkt.KernelTests):
    kernel_name = "java"
    language_name = "java"
    file_extension = ".jshell"

    # execute_request -> stream (stdout / stderr)
    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'

    # complete_request
    completion_samples = [
        {"text": "Math.ab", "matches": {"abs(", "absExact("}},
        {"text": "int n = 1;\nString.valueO", "matches": {"valueOf("}},
        {"text": "%lo", "matches": {"load"}},
        # leading blank lines and indentation (once gave nothing, or a start one character off)
        {"text": "\nMath.ab", "matches": {"abs(", "absExact("}},
        {"text": "\n\n    Math.ab", "matches": {"abs(", "absExact("}},
        {"text": "%time Math.ab", "matches": {"abs(", "absExact("}},
    ]

    # is_complete_request
    complete_code_samples = ["1 + 1", "int x = 3;", "void f() { }", "%load setup.jsh"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int y = (1 +", "class A {"]
    invalid_code_samples = ["int x = 1 +;", "}"]

    # execute_request with a pager payload (NAME?)
    code_page_something = "Math.abs?"

    # execute_request -> error
    code_generate_error = 'throw new IllegalStateException("boom");'

    # execute_request -> execute_result
    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": '"hello"', "result": "hello"},
        {"code": "new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB)",
         "mime": "image/png"},
        {"code": 'render("<i>x</i>", "text/html")', "mime": "text/html", "result": "<i>x</i>"},
    ]

    # execute_request -> display_data
    code_display_data = [
        {"code": "display(new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB));",
         "mime": "image/png"},
        {"code": 'display("<b>bold</b>", "text/html");', "mime": "text/html"},
        {"code": 'display("# Title", "text/markdown");', "mime": "text/markdown"},
        {"code": 'display("<svg xmlns=\'http://www.w3.org/2000/svg\' width=\'4\' height=\'4\'/>", "image/svg+xml");',
         "mime": "image/svg+xml"},
    ]

    # history_request
    code_history_pattern = "6*"
    supported_history_operations = ("tail", "range", "search")

    # inspect_request
    code_inspect_sample = "Math.abs"

    # execute_request -> clear_output
    code_clear_output = "clearOutput();"


if __name__ == "__main__":
    unittest.main()
