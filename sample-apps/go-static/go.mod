module example.org/hashsvc

go 1.19
