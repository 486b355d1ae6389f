require 'json'

# The reading list: books loaded from a JSON file, searched in memory.
class Shelf
  attr_reader :books

  def self.load(path)
    new(JSON.parse(File.read(path), symbolize_names: true))
  end

  def initialize(books)
    @books = books.sort_by { |b| b[:id] }.freeze
  end

  def find(id)
    books.find { |b| b[:id].to_s == id.to_s }
  end

  def search(query, status: nil)
    found = books
    found = found.select { |b| b[:status] == status } if status && !status.empty?
    if query && !query.empty?
      q = query.downcase
      found = found.select { |b| b[:title].downcase.include?(q) || b[:author].downcase.include?(q) }
    end
    found
  end

  def stats
    by_status = books.group_by { |b| b[:status] }.transform_values(&:size)
    read = books.select { |b| b[:status] == 'read' }
    {
      books: books.size,
      pages: books.sum { |b| b[:pages] },
      by_status: by_status.sort.to_h,
      pages_read: read.sum { |b| b[:pages] }
    }
  end
end
