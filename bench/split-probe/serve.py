# Static server of out/ with an index.html fallback (client routes such as /lazy).
import http.server, os, sys
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'out')
class H(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *a, **k): super().__init__(*a, directory=root, **k)
    def send_head(self):
        if not os.path.exists(self.translate_path(self.path.split('?')[0])): self.path = '/index.html'
        return super().send_head()
    def log_message(self, *a): pass
H.extensions_map['.wasm'] = 'application/wasm'; H.extensions_map['.js'] = 'text/javascript'
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
