# Shelf: a reading list served by WEBrick (Debian's ruby-webrick): an HTML page through ERB, and a JSON API.
require 'webrick'
require 'json'
require 'erb'
require_relative 'lib/shelf'

port = Integer(ENV.fetch('PORT', '4567'))
root = __dir__
shelf = Shelf.load(File.join(root, 'data', 'books.json'))
views = File.join(root, 'views')

render = lambda do |name, locals|
  template = ERB.new(File.read(File.join(views, "#{name}.erb")), trim_mode: '-')
  template.result_with_hash(locals)
end

json = lambda do |res, status, body|
  res.status = status
  res['Content-Type'] = 'application/json'
  res.body = JSON.generate(body) + "\n"
end

server = WEBrick::HTTPServer.new(
  Port: port,
  BindAddress: '0.0.0.0',
  Logger: WEBrick::Log.new($stderr, WEBrick::Log::INFO),
  AccessLog: [[$stdout, WEBrick::AccessLog::COMMON_LOG_FORMAT]]
)

server.mount_proc '/' do |req, res|
  if req.path == '/'
    res['Content-Type'] = 'text/html; charset=utf-8'
    res.body = render.call('index', books: shelf.books, stats: shelf.stats)
  else
    res.status = 404
    res['Content-Type'] = 'text/html; charset=utf-8'
    res.body = render.call('not_found', path: req.path)
  end
end

server.mount_proc '/healthz' do |_req, res|
  json.call(res, 200, { status: 'ok', ruby: RUBY_VERSION })
end

server.mount_proc '/api/books' do |req, res|
  id = req.path.delete_prefix('/api/books').delete_prefix('/')
  if id.empty?
    books = shelf.search(req.query['q'], status: req.query['status'])
    json.call(res, 200, { count: books.size, books: books })
  elsif (book = shelf.find(id))
    json.call(res, 200, book)
  else
    json.call(res, 404, { error: "no book #{id}" })
  end
end

server.mount_proc '/api/stats' do |_req, res|
  json.call(res, 200, shelf.stats)
end

$stdout.sync = true
%w[TERM INT].each { |signal| trap(signal) { server.shutdown } }
server.start
