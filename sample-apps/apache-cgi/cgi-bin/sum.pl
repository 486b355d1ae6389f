#!/usr/bin/perl
# A Perl CGI script: sums the numbers of n=1,2,3 (query string on GET, form body on POST), answers JSON.
use strict;
use warnings;
use List::Util qw(sum max min);

my $input = $ENV{QUERY_STRING} // '';
if (($ENV{REQUEST_METHOD} // 'GET') eq 'POST') {
    read(STDIN, $input, $ENV{CONTENT_LENGTH} // 0);
}
my %form = map { my ($k, $v) = split /=/, $_, 2; ($k => $v // '') } split /&/, $input;
(my $list = $form{n} // '') =~ s/%2C/,/gi;

my @n = grep { length } split /,/, $list;
if (!@n || grep { !/^-?\d+$/ } @n) {
    print "Status: 400 Bad Request\r\nContent-Type: application/json\r\n\r\n";
    print qq({"error":"n must be a comma-separated list of integers"}\n);
    exit 0;
}
printf "Content-Type: application/json\r\n\r\n";
printf qq({"count":%d,"sum":%d,"min":%d,"max":%d,"method":"%s","perl":"%vd"}\n),
    scalar(@n), sum(@n), min(@n), max(@n), $ENV{REQUEST_METHOD}, $^V;
