// The tracer's entry point; the sensor itself is built under the tracer issue.
return 0;
